import {
  createProduct,
  createProductSchema,
  listProducts,
  listProductsSchema,
  readProduct,
  updateProduct,
  updateProductSchema,
} from "@custra/app";
import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { queryList } from "./customers.schemas.ts";
import { productPageSchema, productSchema } from "./records.schemas.ts";
import { commonProblems, problemSchema } from "./schemas.ts";

const skuParams = z.object({ sku: z.string().min(1).max(200) });

/** The list's filters as a query string: lists repeated or comma-separated, numbers as text. */
export const listProductsQuery = listProductsSchema.extend({
  category: queryList.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The product catalogue: every reader sees it; creating and changing a product needs manageProducts (admins and managers). */
export async function productsRoutes(app: FastifyInstance, { handle }: { handle: DbHandle }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["products"];

  typed.get(
    "/",
    {
      schema: {
        tags,
        summary: "Products: filter by category, search SKU and name, sort, cursor pages and the total",
        querystring: listProductsQuery,
        response: { 200: productPageSchema, ...commonProblems },
      },
    },
    async (request) => listProducts({ handle, actor: request.actor! }, request.query),
  );

  typed.get(
    "/:sku",
    {
      schema: {
        tags,
        summary: "One product by SKU",
        params: skuParams,
        response: { 200: productSchema, ...commonProblems },
      },
    },
    async (request) => readProduct({ handle, actor: request.actor! }, request.params),
  );

  typed.post(
    "/",
    {
      schema: {
        tags,
        summary: "A new product (manageProducts), audited; a SKU that exists is 409",
        body: createProductSchema,
        response: { 201: productSchema, ...commonProblems, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const product = await createProduct({ handle, actor: request.actor! }, request.body);
      return reply.code(201).send(product);
    },
  );

  typed.patch(
    "/:sku",
    {
      schema: {
        tags,
        summary: "Change a product's fields (manageProducts), audited with each field before and after",
        params: skuParams,
        body: updateProductSchema.omit({ sku: true }),
        response: { 200: productSchema, ...commonProblems },
      },
    },
    async (request) =>
      updateProduct({ handle, actor: request.actor! }, { ...request.body, sku: request.params.sku }),
  );
}
