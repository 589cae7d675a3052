/**
 * The product catalogue. Products belong to no customer, so every reader with `read` sees all of
 * them; creating and changing one needs `manageProducts` (admins and managers) and is audited with each field before and after.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import { audit, fieldChanges } from "../access/audit.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { RECORD_WHAT } from "./records.messages.ts";
import {
  type CreateProductInput,
  createProductSchema,
  type ListProductsInput,
  listProductsSchema,
  type ProductSort,
  productSkuSchema,
  type UpdateProductInput,
  updateProductSchema,
} from "./records.schemas.ts";
import { likeEscape, type Page, readCountedPage } from "./records-page.ts";

export interface ProductView {
  id: number;
  sku: string;
  name: string;
  category: string | null;
  unitCost: number | null;
  unitPrice: number | null;
}

interface ProductRow {
  id: number | bigint;
  sku: string;
  name: string;
  category: string | null;
  unit_cost: number | string | null;
  unit_price: number | string | null;
}

const numberOrNull = (value: number | string | null) => (value === null ? null : Number(value));

function view(row: ProductRow): ProductView {
  return {
    id: Number(row.id),
    sku: row.sku,
    name: row.name,
    category: row.category,
    unitCost: numberOrNull(row.unit_cost),
    unitPrice: numberOrNull(row.unit_price),
  };
}

export async function listProducts(
  ctx: AppContext,
  input: ListProductsInput | unknown = {},
): Promise<Page<ProductView>> {
  requirePermission(ctx.actor, "read");
  const query = parseInput(listProductsSchema, input ?? {});
  const conditions: Expression<SqlBool>[] = [];
  if (query.category !== undefined)
    conditions.push(sql<SqlBool>`p.category IN (${sql.join(query.category)})`);
  if (query.search !== undefined) {
    const pattern = `%${likeEscape(query.search.toLowerCase())}%`;
    conditions.push(
      sql<SqlBool>`(LOWER(p.sku) LIKE ${pattern} ESCAPE '\\' OR LOWER(p.name) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  const double = ctx.handle.sqlTypes.double;
  const { rows, total, nextCursor } = await readCountedPage<ProductRow>(ctx.handle.read, {
    from: sql`FROM products p`,
    columns: sql`p.id, p.sku, p.name, p.category, CAST(p.unit_cost AS ${sql.raw(double)}) AS unit_cost,
                 CAST(p.unit_price AS ${sql.raw(double)}) AS unit_price`,
    conditions,
    ...productKey(query.sort, double),
    id: "p.id",
    descending: query.order === "desc",
    limit: query.limit,
    cursor: query.cursor,
    double,
  });
  return { items: rows.map(view), total, nextCursor };
}

function productKey(sort: ProductSort, double: string) {
  switch (sort) {
    case "sku":
      return { key: sql`p.sku`, keyKind: "text" as const };
    case "name":
      return { key: sql`p.name`, keyKind: "text" as const };
    case "category":
      return { key: sql`COALESCE(p.category, '')`, keyKind: "text" as const };
    case "unitPrice":
      // Prices are ≥ 0: a product without one sorts first.
      return { key: sql`CAST(COALESCE(p.unit_price, -1) AS ${sql.raw(double)})`, keyKind: "number" as const };
  }
}

async function findProduct(ctx: AppContext, sku: string, db = ctx.handle.read): Promise<ProductView | null> {
  const row = await db
    .selectFrom("products")
    .select(["id", "sku", "name", "category", "unit_cost", "unit_price"])
    .where("sku", "=", sku)
    .executeTakeFirst();
  return row ? view(row) : null;
}

export async function readProduct(ctx: AppContext, input: unknown): Promise<ProductView> {
  requirePermission(ctx.actor, "read");
  const { sku } = parseInput(productSkuSchema, input);
  const product = await findProduct(ctx, sku);
  if (!product) throw new AppError("APP_NOT_FOUND", { what: RECORD_WHAT.product, key: sku });
  return product;
}

/** A new product; a SKU that exists already is APP_CONFLICT. */
export async function createProduct(
  ctx: AppContext,
  input: CreateProductInput | unknown,
): Promise<ProductView> {
  requirePermission(ctx.actor, "manageProducts");
  const product = parseInput(createProductSchema, input);
  const values = {
    sku: product.sku,
    name: product.name,
    category: product.category ?? null,
    unit_cost: product.unitCost ?? null,
    unit_price: product.unitPrice ?? null,
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("products")
      .select("id")
      .where("sku", "=", product.sku)
      .executeTakeFirst();
    if (existing)
      throw new AppError("APP_CONFLICT", {
        reason: { key: "app.records.product_exists", params: { sku: product.sku } },
      });
    await trx.insertInto("products").values(values).execute();
    await audit(trx, ctx.actor, {
      action: "product.create",
      entity: "product",
      entityId: product.sku,
      changes: fieldChanges({}, values),
    });
  });
  return (await findProduct(ctx, product.sku, ctx.handle.db))!;
}

/** Changes the given fields of a product; unchanged fields write nothing (and no audit entry). */
export async function updateProduct(
  ctx: AppContext,
  input: UpdateProductInput | unknown,
): Promise<ProductView> {
  requirePermission(ctx.actor, "manageProducts");
  const { sku, ...fields } = parseInput(updateProductSchema, input);
  const changes = {
    ...(fields.name === undefined ? {} : { name: fields.name }),
    ...(fields.category === undefined ? {} : { category: fields.category }),
    ...(fields.unitCost === undefined ? {} : { unit_cost: fields.unitCost }),
    ...(fields.unitPrice === undefined ? {} : { unit_price: fields.unitPrice }),
  };
  await ctx.handle.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("products")
      .select(["name", "category", "unit_cost", "unit_price"])
      .where("sku", "=", sku)
      .executeTakeFirst();
    if (!before) throw new AppError("APP_NOT_FOUND", { what: RECORD_WHAT.product, key: sku });
    const stored = {
      ...before,
      unit_cost: numberOrNull(before.unit_cost),
      unit_price: numberOrNull(before.unit_price),
    };
    const diff = fieldChanges(stored, changes);
    if (Object.keys(diff).length === 0) return;
    await trx
      .updateTable("products")
      .set({ ...changes, updated_at: new Date() })
      .where("sku", "=", sku)
      .execute();
    await audit(trx, ctx.actor, {
      action: "product.update",
      entity: "product",
      entityId: sku,
      changes: diff,
    });
  });
  return (await findProduct(ctx, sku, ctx.handle.db))!;
}
