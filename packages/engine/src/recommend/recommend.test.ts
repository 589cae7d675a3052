/**
 * Recommendations from the database on each engine: a hand-built shop whose right answers are
 * known (printer owners buy toner; the peers of a chair buyer buy paper), and the demo company,
 * where every recommendation must be a real product the customer has not bought.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { errorText, recommendationReasonText } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.ts";
import { writeDemoCsv } from "../demo/index.ts";
import { importDirectory } from "../import/directory.ts";
import { loadRecommendationModel, RecommendationError, recommendFor, recommendForCustomer } from "./index.ts";

const PRODUCTS = [
  { sku: "PRN-1", name: "激光打印机 X1", category: "打印机" },
  { sku: "TON-1", name: "硒鼓 T1", category: "办公耗材" },
  { sku: "PAP-1", name: "复印纸 A4", category: "办公耗材" },
  { sku: "CHR-1", name: "办公椅 C1", category: "办公家具" },
  { sku: "DSK-1", name: "办公桌 D1", category: "办公家具" },
];

/** A customer's orders, oldest first: each order lists its lines by SKU (a SKU twice is two lines). */
interface ShopCustomer {
  code: string;
  industry: string;
  orders: { date: string; status?: string; skus: string[] }[];
}

/** Orders from "SKU: count" baskets, a day apart from 10 January: order k holds every product bought on more than k orders. */
function ordersOf(basket: Record<string, number>): ShopCustomer["orders"] {
  const most = Math.max(0, ...Object.values(basket));
  return Array.from({ length: most }, (_, k) => ({
    date: `2026-01-${10 + k}`,
    skus: Object.entries(basket)
      .filter(([, count]) => count > k)
      .map(([sku]) => sku),
  }));
}

function many(
  prefix: string,
  count: number,
  industry: string,
  basket: Record<string, number>,
): ShopCustomer[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `${prefix}${String(i + 1).padStart(2, "0")}`,
    industry,
    orders: ordersOf(basket),
  }));
}

// 37 buyers. Printer 13, toner 12 (all with a printer): lift 37/13 ≈ 2.85, P(toner | printer) = 12/13.
// Chair is bought by 36 of 37, so nothing is "bought together" with it.
const SHOP: ShopCustomer[] = [
  // M01 has its printer on two lines of one order: still one order, so not bought regularly.
  {
    code: "M01",
    industry: "制造业",
    orders: [
      { date: "2026-01-10", skus: ["PRN-1", "PRN-1", "TON-1", "CHR-1"] },
      { date: "2026-01-11", skus: ["TON-1"] },
      { date: "2026-01-12", skus: ["TON-1"] },
    ],
  },
  ...many("M", 12, "制造业", { "PRN-1": 1, "TON-1": 3, "CHR-1": 1 }).slice(1),
  ...many("N", 8, "制造业", { "CHR-1": 1, "DSK-1": 1 }),
  {
    // X: a printer and no toner by the end of March; a cancelled toner order and one in April do not count.
    code: "X",
    industry: "制造业",
    orders: [
      { date: "2026-01-20", skus: ["PRN-1"] },
      { date: "2026-02-01", status: "cancelled", skus: ["TON-1"] },
      { date: "2026-04-15", skus: ["TON-1"] },
    ],
  },
  ...many("E", 12, "教育", { "PAP-1": 2, "CHR-1": 1 }),
  ...many("F", 3, "教育", { "CHR-1": 1 }),
  // Y buys chairs regularly (two orders, one with two lines) and never bought supplies.
  {
    code: "Y",
    industry: "教育",
    orders: [
      { date: "2026-01-10", skus: ["CHR-1", "CHR-1"] },
      { date: "2026-03-01", skus: ["CHR-1"] },
    ],
  },
];

/** Customer ids by code, after loading SHOP, and two analysis runs: #1 puts Y alone in the low tier, #2 (latest) with its peers. */
async function loadShop(handle: DbHandle): Promise<Map<string, number>> {
  await handle.db
    .insertInto("customers")
    .values(SHOP.map((c) => ({ code: c.code, name: c.code, industry: c.industry, type: "enterprise" })))
    .execute();
  await handle.db
    .insertInto("products")
    .values(PRODUCTS.map((p) => ({ ...p, unit_price: 100, unit_cost: 60 })))
    .execute();
  const ids = new Map(
    (await handle.db.selectFrom("customers").select(["id", "code"]).execute()).map((c) => [
      c.code,
      Number(c.id),
    ]),
  );
  const productIds = new Map(
    (await handle.db.selectFrom("products").select(["id", "sku"]).execute()).map((p) => [
      p.sku,
      Number(p.id),
    ]),
  );
  const orders = SHOP.flatMap((c) =>
    c.orders.map((o, k) => ({
      customer_id: ids.get(c.code)!,
      external_id: `${c.code}-${k + 1}`,
      order_date: o.date,
      amount: 100 * o.skus.length,
      status: o.status ?? "completed",
    })),
  );
  await handle.db.insertInto("orders").values(orders).execute();
  const orderIds = new Map(
    (await handle.db.selectFrom("orders").select(["id", "external_id"]).execute()).map((o) => [
      o.external_id,
      Number(o.id),
    ]),
  );
  const lines = SHOP.flatMap((c) =>
    c.orders.flatMap((o, k) =>
      o.skus.map((sku, j) => ({
        customer_id: ids.get(c.code)!,
        external_id: `${c.code}-${k + 1}-${j + 1}`,
        order_id: orderIds.get(`${c.code}-${k + 1}`)!,
        product_id: productIds.get(sku)!,
        quantity: 1,
        amount: 100,
      })),
    ),
  );
  await handle.db.insertInto("order_lines").values(lines).execute();
  for (const run of [1, 2]) {
    await handle.db
      .insertInto("analysis_runs")
      .values({
        as_of: "2026-03-31",
        time_unit: "week",
        horizon: 52,
        model: "bgnbd",
        discount_rate: 0.1,
        customers: SHOP.length,
        report: "{}",
      })
      .execute();
    const runId = Number(
      (
        await handle.db
          .selectFrom("analysis_runs")
          .select("id")
          .orderBy("id", "desc")
          .executeTakeFirstOrThrow()
      ).id,
    );
    await handle.db
      .insertInto("customer_scores")
      .values(
        SHOP.map((c) => ({
          run_id: runId,
          customer_id: ids.get(c.code)!,
          orders: c.orders.length,
          revenue: 100,
          revenue_12m: 100,
          margin: 40,
          value_tier: c.industry === "教育" ? (run === 1 && c.code === "Y" ? "low" : "mid") : "high",
        })),
      )
      .execute();
  }
  return ids;
}

let work: string;
let demoDir: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "custra-recommend-"));
  demoDir = join(work, "demo");
  await writeDemoCsv({ customers: 300, seed: 5, asOf: "2026-06-30", outDir: demoDir });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

for (const engine of ENGINES) {
  describe(`recommendations on ${engine}, hand-built shop`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await loadShop(handle);
    });
    afterAll(async () => {
      await handle?.close();
    });
    const id = (code: string) => ids.get(code)!;

    it("offers toner to the printer owner because of the printer, then the furniture all their peers buy", async () => {
      const model = await loadRecommendationModel(handle, { asOf: "2026-03-31" });
      expect(model).toMatchObject({ asOf: "2026-03-31", runId: 2 });
      expect(model.recommender.buyers).toBe(37);
      const [forX] = recommendFor(model, [id("X")]);
      expect(forX!.map((r) => r.sku)).toEqual(["TON-1", "CHR-1", "DSK-1"]);
      const [toner, chair] = forX!;
      // 1 − (1 − 12/13)(1 − 12/20): the pair part and the 12 of 20 peers who buy supplies (all toner).
      expect(toner!.score).toBeCloseTo(1 - (1 / 13) * (8 / 20), 12);
      expect(toner).toMatchObject({ productId: expect.any(Number), name: "硒鼓 T1", category: "办公耗材" });
      expect(toner!.reason.code).toBe("bought_together");
      expect(toner!.reason.params).toEqual({
        anchor: "激光打印机 X1",
        anchorSku: "PRN-1",
        lift: expect.closeTo(37 / 13, 12),
      });
      expect(recommendationReasonText(toner!.reason, "zh-CN")).toBe(
        "与『激光打印机 X1』常一起购买（提升度 2.8）",
      );
      // All 20 peers buy furniture; 20 of their 28 furniture purchases are chairs.
      expect(chair!.score).toBeCloseTo(20 / 28, 12);
      expect(chair!.reason).toEqual({
        code: "peers_buy_category",
        params: { category: "办公家具", share: 1 },
      });
    });

    it("offers the supplies their peers buy to a customer who never bought any, and never their regular product", async () => {
      const model = await loadRecommendationModel(handle, { asOf: "2026-03-31" });
      const [forY] = recommendFor(model, [id("Y")]);
      expect(forY).toHaveLength(1);
      expect(forY![0]).toMatchObject({ sku: "PAP-1", score: expect.closeTo(0.8, 12) });
      expect(recommendationReasonText(forY![0]!.reason, "zh-CN")).toBe(
        "同级同行业客户中 80% 购买『办公耗材』",
      );
    });

    it("counts distinct orders, so only what is bought regularly stays out when once-bought products may return", async () => {
      const model = await loadRecommendationModel(handle, {
        asOf: "2026-03-31",
        model: { excludeOnceBought: false },
      });
      const [forM01, forM02] = recommendFor(model, [id("M01"), id("M02")]);
      // The printer (once, on two lines) comes back through the toner (P = 12/12); the toner (three orders) never does.
      expect(forM01!.map((r) => r.sku)).toEqual(["PRN-1"]);
      expect(forM01![0]!.reason).toMatchObject({ code: "bought_together", params: { anchorSku: "TON-1" } });
      expect(forM02!.map((r) => r.sku)).toEqual(["PRN-1"]);
      const [forY] = recommendFor(model, [id("Y")]);
      expect(forY!.map((r) => r.sku)).toEqual(["PAP-1"]);
    });

    it("counts only completed orders up to the as-of date", async () => {
      const later = await loadRecommendationModel(handle);
      expect(later.asOf).toBe("2026-04-15");
      expect(recommendFor(later, [id("X")])[0]!.map((r) => r.sku)).not.toContain("TON-1");
      const before = await loadRecommendationModel(handle, { asOf: "2025-12-31" });
      expect(before.recommender.buyers).toBe(0);
      expect(recommendFor(before, [id("X"), id("Y")])).toEqual([[], []]);
    });

    it("groups by the chosen run's value tiers, given grades or any peer key", async () => {
      // In run 1, Y is the only low-tier customer in education: no peers, so nothing to recommend.
      const first = await loadRecommendationModel(handle, { asOf: "2026-03-31", runId: 1 });
      expect(first.runId).toBe(1);
      expect(recommendFor(first, [id("Y")])).toEqual([[]]);
      const byIndustry = await loadRecommendationModel(handle, {
        asOf: "2026-03-31",
        runId: 1,
        peerKey: (customer) => customer.industry,
      });
      expect(byIndustry.peerGroups.sort()).toEqual(["制造业", "教育"]);
      expect(recommendFor(byIndustry, [id("Y")])[0]!.map((r) => r.sku)).toEqual(["PAP-1"]);
      const graded = await loadRecommendationModel(handle, {
        asOf: "2026-03-31",
        grades: new Map([[id("Y"), "A"]]),
      });
      expect(graded.runId).toBeNull();
      expect(recommendFor(graded, [id("Y")])).toEqual([[]]);
    });

    it("gives nothing for an unknown customer, and names an unknown run", async () => {
      const model = await loadRecommendationModel(handle, { asOf: "2026-03-31" });
      expect(recommendFor(model, [-5, 123_456])).toEqual([[], []]);
      await expect(loadRecommendationModel(handle, { runId: 99 })).rejects.toThrow(RecommendationError);
      const unknown = await loadRecommendationModel(handle, { runId: 99 }).catch(
        (e: RecommendationError) => e,
      );
      expect(unknown).toMatchObject({ code: "RECOMMENDATION_UNKNOWN_RUN", params: { run: 99, latest: 2 } });
      expect(errorText(unknown as RecommendationError, "zh-CN")).toContain("找不到分析 #99（最近一次是 #2）");
    });
  });

  describe(`recommendations on ${engine}, demo company`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await importDirectory(handle, demoDir);
      await analyze(handle);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("recommends only real products the customer has not bought, for reasons that hold", async () => {
      const model = await loadRecommendationModel(handle);
      expect(model.runId).not.toBeNull();
      const customerIds = (await handle.db.selectFrom("customers").select("id").execute()).map((c) =>
        Number(c.id),
      );
      const products = new Map(
        (await handle.db.selectFrom("products").select(["id", "sku", "name", "category"]).execute()).map(
          (p) => [Number(p.id), p],
        ),
      );
      const { rows } = await sql<{ customer_id: number; product_id: number; category: string | null }>`
        SELECT DISTINCT l.customer_id, l.product_id, p.category
        FROM order_lines l JOIN orders o ON o.customer_id = l.customer_id AND o.id = l.order_id
        JOIN products p ON p.id = l.product_id
        WHERE o.order_date <= CAST(${model.asOf} AS DATE) AND (o.status IS NULL OR o.status = 'completed')`.execute(
        handle.db,
      );
      const bought = new Map<number, { products: Set<string>; categories: Set<string | null> }>();
      for (const row of rows) {
        const entry = bought.get(Number(row.customer_id)) ?? { products: new Set(), categories: new Set() };
        entry.products.add(products.get(Number(row.product_id))!.sku);
        entry.categories.add(row.category);
        bought.set(Number(row.customer_id), entry);
      }

      const all = recommendFor(model, customerIds, 5);
      const reasons = new Set<string>();
      let served = 0;
      all.forEach((list, i) => {
        const mine = bought.get(customerIds[i]!) ?? { products: new Set(), categories: new Set() };
        if (list.length > 0) served++;
        expect(new Set(list.map((r) => r.sku)).size).toBe(list.length);
        list.forEach((r, rank) => {
          const product = products.get(r.productId)!;
          expect(product).toMatchObject({ sku: r.sku, name: r.name, category: r.category });
          expect(mine.products.has(r.sku)).toBe(false);
          expect(r.score).toBeGreaterThan(0);
          expect(r.score).toBeLessThanOrEqual(1);
          if (rank > 0) expect(r.score).toBeLessThanOrEqual(list[rank - 1]!.score);
          reasons.add(r.reason.code);
          if (r.reason.code === "bought_together") {
            expect(mine.products.has(r.reason.params.anchorSku)).toBe(true);
            expect(r.reason.params.lift).toBeGreaterThanOrEqual(1.5);
          } else {
            expect(r.reason.params.category).toBe(r.category);
            expect(mine.categories.has(r.reason.params.category)).toBe(false);
            expect(r.reason.params.share).toBeGreaterThanOrEqual(0.2);
          }
        });
      });
      // The demo's customers buy from favourite categories: both kinds of evidence show up, for most customers.
      expect(reasons).toEqual(new Set(["bought_together", "peers_buy_category"]));
      expect(served).toBeGreaterThan(customerIds.length / 2);
    });

    it("learns from a sample plus the customers in focus when the base is large", async () => {
      const ids = (await handle.db.selectFrom("customers").select("id").orderBy("id").execute()).map((c) =>
        Number(c.id),
      );
      // 300 customers and a sample of 100: every third customer by id, plus the two in focus.
      const focus = ids.filter((id) => id % 3 !== 0).slice(0, 2);
      const model = await loadRecommendationModel(handle, { focus, sampleSize: 100 });
      const expected = ids.filter((id) => id % 3 === 0 || focus.includes(id));
      expect(model.customers.size).toBe(expected.length);
      for (const id of expected) expect(model.customers.positionOf(id)).toBeGreaterThanOrEqual(0);
      expect(model.customers.positionOf(ids.find((id) => id % 3 !== 0 && !focus.includes(id))!)).toBe(-1);
      // The focus customers' own purchases are read, so nothing they bought comes back.
      const { rows } = await sql<{ customer_id: number; product_id: number }>`
        SELECT DISTINCT l.customer_id, l.product_id FROM order_lines l
        WHERE l.customer_id IN (${sql.join(focus)})`.execute(handle.db);
      const lists = recommendFor(model, focus, 5);
      focus.forEach((id, k) => {
        const mine = new Set(
          rows.filter((r) => Number(r.customer_id) === id).map((r) => Number(r.product_id)),
        );
        expect(mine.size).toBeGreaterThan(0);
        for (const r of lists[k]!) expect(mine.has(r.productId)).toBe(false);
      });
      // A small base needs no sample: the focused model reads everyone.
      expect((await loadRecommendationModel(handle, { focus })).customers.size).toBe(ids.length);
    });

    it("keeps a sampled model that still recommends for customers outside its sample, from their purchases", async () => {
      const ids = (await handle.db.selectFrom("customers").select("id").orderBy("id").execute()).map((c) =>
        Number(c.id),
      );
      const model = await loadRecommendationModel(handle, { sampled: true, sampleSize: 100 });
      expect(model.customers.size).toBe(ids.filter((id) => id % 3 === 0).length);
      for (const id of ids.filter((id) => id % 3 === 0).slice(0, 10)) {
        expect(await recommendForCustomer(handle, model, id, 5)).toEqual(recommendFor(model, [id], 5)[0]);
      }
      const outside = ids.filter((id) => id % 3 !== 0).slice(0, 30);
      const { rows } = await sql<{ customer_id: number; sku: string }>`
        SELECT DISTINCT l.customer_id, p.sku FROM order_lines l JOIN products p ON p.id = l.product_id
        WHERE l.customer_id IN (${sql.join(outside)})`.execute(handle.db);
      let served = 0;
      for (const id of outside) {
        expect(model.customers.positionOf(id)).toBe(-1);
        const mine = new Set(rows.filter((r) => Number(r.customer_id) === id).map((r) => r.sku));
        const list = await recommendForCustomer(handle, model, id, 5);
        if (list.length > 0) served++;
        for (const r of list) {
          expect(mine.has(r.sku)).toBe(false);
          if (r.reason.code === "bought_together") expect(mine.has(r.reason.params.anchorSku)).toBe(true);
        }
      }
      expect(served).toBeGreaterThan(outside.length / 2);
    });
  });
}
