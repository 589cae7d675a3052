/**
 * Imports through the app layer on both engines: the permission, a preview and a validation that
 * write nothing, a commit that is all or nothing unless skipping bad rows is asked for, problems
 * as Text with their place, and profiles saved and reused.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderText } from "@custra/core/errors";
import type { CustomerScope, DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Actor, LOCAL_OPERATOR } from "../access/actor.ts";
import type { AppContext } from "../context.ts";
import type { AppError } from "../errors/app-error.ts";
import { outcomeOf } from "../errors/error-outcomes.ts";
import {
  commitImport,
  loadImportProfile,
  previewImport,
  rejectedImport,
  saveImportProfile,
  validateImport,
} from "./import.service.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-app-import-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(work, name);
  await writeFile(path, text);
  return path;
}

const reader: Actor = { ...LOCAL_OPERATOR, role: "analyst", permissions: new Set(["read", "export"]) };
const wangOnly: CustomerScope = {
  kind: "limited",
  owners: ["王芳"],
  userId: 7,
  departmentId: null,
  today: "2026-07-01",
};
const wang: Actor = { ...LOCAL_OPERATOR, userId: 7, username: "王芳", role: "sales", scope: wangOnly };

for (const engine of ENGINES) {
  describe(`imports through the app on ${engine}`, () => {
    let handle: DbHandle;
    let ctx: AppContext;
    const codes = async () =>
      (await handle.db.selectFrom("customers").select("code").orderBy("code").execute()).map((r) => r.code);

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ctx = { handle, actor: LOCAL_OPERATOR };
    });
    beforeEach(async () => {
      await handle.db.deleteFrom("orders").execute();
      await handle.db.deleteFrom("customers").execute();
    });
    afterAll(async () => {
      await handle?.close();
    });

    const customers = () =>
      file(
        `${engine}-customers.csv`,
        "客户编号,客户名称,类型,备注\nC1,Ann,个人,\nC2,Bob,外星人,\nC3,Cy,企业,x\n",
      );

    it("refuses an actor without the import permission, writing nothing", async () => {
      const path = await customers();
      for (const useCase of [previewImport, validateImport, commitImport]) {
        const error = (await useCase({ handle, actor: reader }, { entity: "customers", file: path }).catch(
          (e: unknown) => e,
        )) as AppError;
        expect(error.code).toBe("APP_FORBIDDEN");
        expect(error.params).toMatchObject({ permission: "import" });
      }
      expect(await codes()).toEqual([]);
    });

    it("previews the mapping and the first rows, writing nothing", async () => {
      const preview = await previewImport(ctx, { entity: "customers", file: await customers(), rows: 2 });
      expect(preview.headers).toEqual(["客户编号", "客户名称", "类型", "备注"]);
      expect(preview.mapping.columns.map((c) => [c.column, c.use, c.field ?? c.attribute])).toEqual([
        ["客户编号", "field", "code"],
        ["客户名称", "field", "name"],
        ["类型", "field", "type"],
        ["备注", "attribute", "备注"],
      ]);
      // Each row as the file has it, and each field as the import would store it, or its problem.
      expect(preview.rows).toEqual([
        {
          line: 2,
          cells: ["C1", "Ann", "个人", ""],
          read: { code: "C1", name: "Ann", type: "individual" },
          problems: [],
        },
        {
          line: 3,
          cells: ["C2", "Bob", "外星人", ""],
          read: { code: "C2", name: "Bob", type: null },
          problems: [{ column: "类型", reason: expect.objectContaining({ key: expect.any(String) }) }],
        },
      ]);
      expect(renderText(preview.rows[1]!.problems[0]!.reason, "en")).toContain('"外星人"');
      expect(preview.missing).toEqual([]);
      expect(await codes()).toEqual([]);
    });

    it("reads the preview by the map, value maps and date format, and an empty field leaves a column out", async () => {
      const path = await file(`${engine}-mapped.csv`, "客户编号,名字,类型,注册日期\nC1,Ann,VIP,03/04/2024\n");
      const preview = await previewImport(ctx, {
        entity: "customers",
        file: path,
        map: { 名字: "name", 类型: "" },
        dateFormat: "dd/mm/yyyy",
      });
      expect(preview.mapping.columns.map((c) => [c.column, c.use, c.field ?? c.attribute])).toEqual([
        ["客户编号", "field", "code"],
        ["名字", "field", "name"],
        ["类型", "attribute", "类型"],
        ["注册日期", "field", "registered_on"],
      ]);
      expect(preview.rows[0]!.read).toEqual({ code: "C1", name: "Ann", registered_on: "2024-04-03" });
      const typed = await previewImport(ctx, {
        entity: "customers",
        file: path,
        values: { type: { VIP: "enterprise" } },
      });
      expect(typed.rows[0]!.read).toMatchObject({ type: "enterprise" });
      // Left out, the column is imported as what it is: a free attribute of the customer.
      await commitImport(ctx, {
        entity: "customers",
        file: path,
        map: { 名字: "name", 类型: "" },
        dateFormat: "dd/mm/yyyy",
      });
      const row = await handle.db
        .selectFrom("customers")
        .select(["type", "attributes"])
        .where("code", "=", "C1")
        .executeTakeFirstOrThrow();
      expect(row.type).toBeNull();
      const attributes = typeof row.attributes === "string" ? JSON.parse(row.attributes) : row.attributes;
      expect(attributes).toEqual({ 类型: "VIP" });
    });

    it("says in the preview which required fields no column holds, instead of failing", async () => {
      const path = await file(`${engine}-orders.csv`, "客户编号,金额\nC1,12.50\n");
      const preview = await previewImport(ctx, { entity: "orders", file: path });
      expect(preview.missing).toContain("order_date");
      expect(preview.rows).toHaveLength(1);
    });

    it("validates every row, each problem in its place as Text, writing nothing", async () => {
      const result = await validateImport(ctx, { entity: "customers", file: await customers() });
      expect(result).toMatchObject({ dryRun: true, written: false, rowsRead: 3, rejected: 1 });
      expect(result.problems).toHaveLength(1);
      const [problem] = result.problems;
      expect(problem).toMatchObject({
        file: `${engine}-customers.csv`,
        line: 3,
        column: "类型",
        kind: "row",
      });
      expect(renderText(problem!.reason, "en")).toContain('"外星人"');
      expect(renderText(problem!.reason, "zh-CN")).toContain('"外星人"');
      expect(renderText(problem!.reason, "en")).not.toBe(renderText(problem!.reason, "zh-CN"));
      expect(await codes()).toEqual([]);
    });

    it("commits all or nothing, unless skipping the bad rows is asked for", async () => {
      const path = await customers();
      const error = await commitImport(ctx, { entity: "customers", file: path }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("IMPORT_ROWS_REJECTED");
      expect(outcomeOf("IMPORT_ROWS_REJECTED").status).toBe(422);
      expect(rejectedImport(error)?.problems.map((p) => p.line)).toEqual([3]);
      expect(renderText((error as AppError).text, "en")).toMatch(
        /^\S+-customers\.csv: 1 rows have errors; nothing was written \(the first: line 3, 类型: .*"外星人"/,
      );
      expect(await codes()).toEqual([]);

      const skipped = await commitImport(ctx, { entity: "customers", file: path, skipInvalid: true });
      expect(skipped).toMatchObject({ written: true, inserted: 2, rejected: 1 });
      expect(await codes()).toEqual(["C1", "C3"]);
    });

    it("names an uploaded file by its own name, not the temporary one", async () => {
      const path = await file(`${engine}-upload-7f3a.tmp.csv`, "code,name,type\nC9,Di,alien\n");
      const result = await validateImport(ctx, { entity: "customers", file: path, fileName: "客户.csv" });
      expect(result.problems[0]!.file).toBe("客户.csv");
      const broken = await file(`${engine}-upload-9c1e.tmp.csv`, "");
      const error = (await validateImport(ctx, {
        entity: "customers",
        file: broken,
        fileName: "客户.csv",
      }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe("IMPORT_FILE_EMPTY");
      expect(renderText(error.text, "en")).toBe("the file is empty: 客户.csv");
    });

    it("saves a profile and reads the next file by it; the input's own fields win", async () => {
      const profileFile = join(work, `${engine}-shop.yaml`);
      await saveImportProfile(ctx, {
        entity: "customers",
        file: profileFile,
        profile: {
          columns: { Kunde: "code", Name: "name" },
          values: { type: { P: "individual", F: "enterprise" } },
        },
      });
      expect(await loadImportProfile(ctx, { entity: "customers", file: profileFile })).toEqual({
        columns: { Kunde: "code", Name: "name" },
        values: { type: { P: "individual", F: "enterprise" } },
      });
      const path = await file(`${engine}-shop.csv`, "Kunde,Name,Typ\nK1,Eve,P\nK2,Fay,X\n");
      const result = await commitImport(ctx, {
        entity: "customers",
        file: path,
        profileFile,
        map: { Typ: "type" },
        values: { type: { X: "enterprise" } },
      });
      expect(result).toMatchObject({ written: true, inserted: 2 });
      const types = await handle.db
        .selectFrom("customers")
        .select(["code", "type"])
        .orderBy("code")
        .execute();
      expect(types).toEqual([
        { code: "K1", type: "individual" },
        { code: "K2", type: "enterprise" },
      ]);
    });

    it("refuses a profile with every problem at its path, and unknown input fields", async () => {
      const error = (await validateImport(ctx, {
        entity: "customers",
        file: await customers(),
        profile: { columns: { Kunde: "kode" }, colour: "red" },
      }).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe("IMPORT_PROFILE_INVALID");
      expect(renderText(error.text, "en")).toContain("colour");
      const unknown = (await validateImport(ctx, {
        entity: "customers",
        file: await customers(),
        skip_invalid: true,
      }).catch((e: unknown) => e)) as AppError;
      expect(unknown.code).toBe("APP_INVALID_INPUT");
      expect(renderText(unknown.text, "en")).toContain("skip_invalid");
    });

    it("writes nothing to a customer out of the actor's scope; naming one reads as naming an unknown customer", async () => {
      const owners = await file(`${engine}-owners.csv`, "code,name,owner\nW1,Wang's,王芳\nL1,Li's,李强\n");
      await commitImport(ctx, { entity: "customers", file: owners });
      await commitImport(ctx, {
        entity: "orders",
        file: await file(
          `${engine}-o0.csv`,
          "external_id,customer_code,order_date,amount\nL-OLD,L1,2024-01-02,5\n",
        ),
      });
      const asWang = { handle, actor: wang };

      const orders = await file(
        `${engine}-o1.csv`,
        [
          "external_id,customer_code,order_date,amount",
          "W-1,W1,2024-02-01,10",
          "X-1,L1,2024-02-02,20",
          "X-2,NOBODY,2024-02-03,30",
          "L-OLD,W1,2024-02-04,40",
        ].join("\n"),
      );
      const checked = await validateImport(asWang, { entity: "orders", file: orders, createCustomers: true });
      const reasons = checked.problems.map((p) => [p.line, renderText(p.reason, "en")]);
      // Li's customer is as unknown to Wang as a customer that does not exist; Li's order is not Wang's to move.
      expect(reasons).toEqual([
        [3, "unknown customer: L1"],
        [5, "L-OLD may not be used; the row is left out"],
      ]);
      const strict = await validateImport(asWang, { entity: "orders", file: orders });
      expect(strict.problems.map((p) => [p.line, renderText(p.reason, "en")])).toEqual([
        [3, "unknown customer: L1"],
        [4, "unknown customer: NOBODY"],
        [5, "L-OLD may not be used; the row is left out"],
      ]);

      const written = await commitImport(asWang, { entity: "orders", file: orders, skipInvalid: true });
      expect(written).toMatchObject({ inserted: 1, rejected: 3 });
      const stored = await handle.db
        .selectFrom("orders as o")
        .innerJoin("customers as c", "c.id", "o.customer_id")
        .select(["o.external_id", "c.code"])
        .orderBy("o.external_id")
        .execute();
      expect(stored).toEqual([
        { external_id: "L-OLD", code: "L1" },
        { external_id: "W-1", code: "W1" },
      ]);

      const renamed = await file(`${engine}-c1.csv`, "code,name\nW1,Wang Ltd\nL1,Taken over\n");
      const customers = await commitImport(asWang, { entity: "customers", file: renamed, skipInvalid: true });
      expect(customers).toMatchObject({ updated: 1, rejected: 1 });
      const names = await handle.db
        .selectFrom("customers")
        .select(["code", "name"])
        .orderBy("code")
        .execute();
      expect(names).toEqual([
        { code: "L1", name: "Li's" },
        { code: "W1", name: "Wang Ltd" },
      ]);
    });
  });
}
