/**
 * A small shop on each engine, written straight into the tables, with the awkward properties of
 * real B2C data: surveys that ask only for a satisfaction score (no NPS), shoppers (customer type
 * individual) beside a few companies, companies without an owner, and data that stops on a day
 * long before "today". Analysed, graded under a scheme that puts everyone in C, and served by the
 * ready-made value playbook (packages/core/src/strategy/builtin.ts), whose C rule has a quarterly
 * WeChat campaign, collection and detractor follow-up, and deals unowned customers out in turn.
 */
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../analyze/analyze.ts";
import { shiftDays } from "../analyze/summary.ts";
import { countRows, insertCustomers, parsed } from "../grade/grade.fixture.ts";
import { gradeRun, saveDefinition } from "../grade/index.ts";
import { updateSettings } from "../settings/settings.ts";
import { exportCampaignMembers } from "./campaign-export.ts";
import { generateTasksInDb } from "./generate.ts";
import { campaignMembers, completeCampaign, listCampaigns } from "./tasks.ts";

/** Everyone is C: a scheme whose only dimension gives every revenue 30 points, C from 20. */
const ALL_C = {
  name: "value",
  version: 1,
  title: { "zh-CN": "全部 C", en: "All C" },
  grades: ["A", "B", "C", "D"].map((code) => ({ code, label: { "zh-CN": code, en: code } })),
  dimensions: [
    { field: "revenue", weight: 1, normalize: { method: "bands", bands: [{ min: 0, score: 30 }] } },
  ],
  assign: { method: "thresholds", min: { A: 90, B: 50, C: 20 } },
};

const SHOPPERS = ["P1", "P2", "P3", "P4"];
const COMPANIES = ["E1", "E2", "E3", "E4", "E5", "E6"];
/**
 * Owned companies that buy every 30 days up to June, so the purchase model has repeat buyers to
 * be fitted on; they have no invoice, survey or occasion, so no tasks.
 */
const REGULARS = Array.from({ length: 30 }, (_, k) => `R${String(k).padStart(2, "0")}`);

async function loadShop(handle: DbHandle): Promise<Map<string, number>> {
  await handle.db
    .insertInto("users")
    .values([
      { username: "s2", team: "华南", role: "sales" },
      { username: "s1", team: "华南", role: "sales" },
      { username: "s3", team: "华东", role: "sales" },
      { username: "boss", team: null, role: "admin" },
    ])
    .execute();
  const ids = await insertCustomers(handle, [
    ...SHOPPERS.map((code) => ({ code, type: "individual", owner: "wang", province: "广东", city: "深圳" })),
    ...COMPANIES.map((code) => ({ code, type: "enterprise", owner: null })),
    ...REGULARS.map((code) => ({ code, type: "enterprise", owner: "wang" })),
  ]);
  const id = (code: string) => ids.get(code)!;
  const owned = (code: string, externalId: string) => ({ customer_id: id(code), external_id: externalId });
  await handle.db
    .insertInto("orders")
    .values([
      // P1 bought twice, the last time a year before the as-of day: at risk.
      { ...owned("P1", "O-P1-1"), order_date: "2025-03-01", amount: 300, status: "completed" },
      { ...owned("P1", "O-P1-2"), order_date: "2025-06-01", amount: 300, status: "completed" },
      ...["P2", "P3", "P4"].map((code) => ({
        ...owned(code, `O-${code}`),
        order_date: "2026-06-20",
        amount: 200,
        status: "completed",
      })),
      ...COMPANIES.flatMap((code) => [
        { ...owned(code, `O-${code}-1`), order_date: "2026-03-20", amount: 1000, status: "completed" },
        { ...owned(code, `O-${code}-2`), order_date: "2026-06-10", amount: 1200, status: "completed" },
      ]),
      ...REGULARS.flatMap((code, k) =>
        Array.from({ length: (k % 4) + 2 }, (_, j) => ({
          ...owned(code, `O-${code}-${j}`),
          order_date: shiftDays(`2026-06-${String((k % 19) + 1).padStart(2, "0")}`, -30 * j),
          amount: 500 + 10 * k,
          status: "completed",
        })),
      ),
    ])
    .execute();
  await handle.db
    .insertInto("invoices")
    .values(
      // 29 days past due on 2026-06-30: one reminder (bucket 1-30) per company.
      COMPANIES.map((code) => ({
        ...owned(code, `INV-${code}`),
        issued_on: "2026-05-01",
        due_on: "2026-06-01",
        amount: 100,
      })),
    )
    .execute();
  await handle.db
    .insertInto("survey_answers")
    .values([
      // CSAT only: a low score (follow-up, churn reason), a top score, nothing for P4.
      { ...owned("P1", "S-P1"), answered_on: "2026-06-25", satisfaction: 1 },
      { ...owned("P2", "S-P2"), answered_on: "2026-06-25", satisfaction: 5 },
      { ...owned("P3", "S-P3"), answered_on: "2026-06-25", nps: 9, satisfaction: 4 },
      // NPS only: a detractor.
      { ...owned("E1", "S-E1"), answered_on: "2026-06-26", nps: 3 },
    ])
    .execute();
  return ids;
}

for (const engine of ENGINES) {
  describe(`a B2C shop on ${engine}`, () => {
    let handle: DbHandle;
    let ids: Map<string, number>;
    let codeOf: Map<number, string>;

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ids = await loadShop(handle);
      codeOf = new Map([...ids].map(([code, id]) => [id, code]));
      await saveDefinition(handle, "scheme", ALL_C);
    });
    afterAll(async () => {
      await handle?.close();
    });

    it("reports the CSI of CSAT-only surveys, and tells a score without NPS from no answer", async () => {
      const report = await analyze(handle, { asOf: "2026-06-30" });
      // Latest scores 1, 5, 4: mean 10/3 on 1..5, (10/3 − 1) / 4 × 100.
      expect(report.structure.csi).toBeCloseTo(((10 / 3 - 1) / 4) * 100, 9);
      expect(report.structure.satisfaction).toEqual({ answers: 3, low: 1, csatOnly: 2 });
      expect(report.structure.nps.answers).toBe(2);
      const rows = await handle.db
        .selectFrom("customer_scores")
        .select(["customer_id", "nps_category", "last_satisfaction", "churn_reasons"])
        .where("run_id", "=", report.runId)
        .execute();
      const byCode = new Map(rows.map((row) => [codeOf.get(Number(row.customer_id))!, row]));
      expect(SHOPPERS.map((code) => byCode.get(code)!.nps_category)).toEqual([
        "csat_only",
        "csat_only",
        "promoter",
        "unanswered",
      ]);
      expect(byCode.get("E1")!.nps_category).toBe("detractor");
      expect(byCode.get("P1")!.last_satisfaction).toBe(1);
      expect(byCode.get("P4")!.last_satisfaction).toBeNull();
      // P1 is at risk, and alone has a low score: the low score is its churn reason.
      expect(parsed<string[]>(byCode.get("P1")!.churn_reasons)).toContain("low_satisfaction");
      const low = report.structure.churnReasons.find((r) => r.reason === "low_satisfaction")!;
      expect(low.othersShare).toBe(0);
      expect(low.atRiskShare).toBeGreaterThan(0);
    });

    it("follows up the low score like a detractor, reaches the shoppers by one campaign, and deals the companies out in turn", async () => {
      await gradeRun(handle, { scheme: "value" });
      const report = await generateTasksInDb(handle, { asOf: "2026-06-30" });
      expect(report.warnings).toEqual([]);
      const tasks = await handle.db
        .selectFrom("tasks")
        .select(["customer_id", "kind", "occasion_key", "owner", "due_on", "reason", "details"])
        .orderBy("customer_id")
        .orderBy("occasion_key")
        .execute();
      const rows = tasks.map((task) => [
        codeOf.get(Number(task.customer_id)),
        task.kind,
        task.occasion_key,
        task.owner,
        task.due_on,
      ]);
      expect(rows).toEqual([
        ["P1", "detractor_follow_up", "detractor:S-P1", "wang", "2026-06-27"],
        // Unowned companies, in id order, go to s1, s2, s3 (the sales users by name), and again.
        ["E1", "collection", "collection:INV-E1:1-30", "s1", "2026-06-02"],
        ["E1", "detractor_follow_up", "detractor:S-E1", "s1", "2026-06-28"],
        ["E2", "collection", "collection:INV-E2:1-30", "s2", "2026-06-02"],
        ["E3", "collection", "collection:INV-E3:1-30", "s3", "2026-06-02"],
        ["E4", "collection", "collection:INV-E4:1-30", "s1", "2026-06-02"],
        ["E5", "collection", "collection:INV-E5:1-30", "s2", "2026-06-02"],
        ["E6", "collection", "collection:INV-E6:1-30", "s3", "2026-06-02"],
      ]);
      expect(parsed(tasks[0]!.reason)).toEqual({
        code: "low_satisfaction",
        params: { satisfaction: 1, answeredOn: "2026-06-25" },
      });
      expect(parsed(tasks[1]!.details)).toMatchObject({ grade: "C", assigned: true });
      expect(report.assigned).toBe(7);

      // One campaign for the four shoppers of C, none for the companies.
      expect(report.createdByKind).toEqual({ collection: 6, detractor_follow_up: 2, campaign: 1 });
      expect(report.campaigns).toEqual([
        { id: expect.any(Number), key: "campaign:value:C:2026-Q2", segment: "C", members: 4 },
      ]);
      const [campaign] = await listCampaigns(handle);
      expect(campaign).toMatchObject({
        id: report.campaigns[0]!.id,
        segment: "C",
        basis: "grade",
        dueOn: "2026-06-30",
        owner: null,
        members: 4,
        status: "open",
        reason: {
          code: "campaign_segment",
          params: { segment: "C", basis: "grade", channel: "wechat", period: "2026-Q2", customers: 4 },
        },
      });
      expect((await campaignMembers(handle, campaign!.id)).map((m) => m.code)).toEqual(SHOPPERS);
      expect((await listCampaigns(handle, { customerCode: "P2" })).map((c) => c.id)).toEqual([campaign!.id]);
      expect(await listCampaigns(handle, { customerCode: "E1" })).toEqual([]);
    });

    it("creates nothing twice when run again, campaigns and their lists included", async () => {
      const before = await countRows(handle, "tasks");
      const again = await generateTasksInDb(handle, { asOf: "2026-06-30" });
      expect(again.created).toBe(0);
      expect(again.campaigns).toEqual([]);
      expect(await countRows(handle, "tasks")).toBe(before);
      expect(await countRows(handle, "campaigns")).toBe(1);
      expect(await countRows(handle, "campaign_members")).toBe(4);
      // Done is done: marking the campaign done does not bring it back either.
      const [campaign] = await listCampaigns(handle);
      expect((await completeCampaign(handle, campaign!.id, "marketing")).status).toBe("done");
      expect((await generateTasksInDb(handle, { asOf: "2026-06-30" })).campaigns).toEqual([]);
      expect(await listCampaigns(handle)).toEqual([]);
    });

    it("writes a campaign's list as CSV for the messaging tool", async () => {
      const [campaign] = await listCampaigns(handle, { status: "all" });
      const out = join(tmpdir(), `custra-campaign-${engine}-${process.pid}.csv`);
      try {
        const result = await exportCampaignMembers(handle, {
          id: campaign!.id,
          format: "csv",
          out,
          locale: "zh-CN",
        });
        expect(result.rows).toBe(4);
        const lines = (await readFile(out, "utf8"))
          .replace(/^\uFEFF/, "")
          .trim()
          .split(/\r?\n/);
        expect(lines[0]).toBe("customer_code,name,type,province,city,owner,segment");
        expect(lines.slice(1)).toEqual(
          SHOPPERS.map((code) => `${code},客户 ${code},individual,广东,深圳,wang,C`),
        );
      } finally {
        await rm(out, { force: true });
      }
    });

    it("warns when the newest order and the analysis are far older than the day generated for", async () => {
      const late = await generateTasksInDb(handle, { asOf: "2026-09-30", kinds: ["collection"] });
      expect(late.warnings).toEqual([
        {
          code: "stale_orders",
          params: { asOf: "2026-09-30", date: "2026-06-20", days: 102, threshold: 30 },
        },
        {
          code: "stale_analysis",
          params: { asOf: "2026-09-30", date: "2026-06-30", days: 92, threshold: 30 },
        },
      ]);
      // Thirty days is still fine; orders after the day generated for do not count as its data.
      expect(
        (await generateTasksInDb(handle, { asOf: "2026-07-20", kinds: ["collection"] })).warnings,
      ).toEqual([]);
      const early = await generateTasksInDb(handle, { asOf: "2025-08-01", kinds: ["collection"] });
      expect(early.warnings.map((w) => [w.code, w.params.date])).toEqual([["stale_orders", "2025-06-01"]]);
    });

    it("takes customers without a type for individuals when the company's business model is B2C", async () => {
      await handle.db.updateTable("customers").set({ type: null }).where("code", "in", SHOPPERS).execute();
      try {
        // A business-to-business company: customers without a type are companies, reached one by one.
        const b2b = await generateTasksInDb(handle, { asOf: "2026-07-15" });
        expect(b2b.campaigns).toEqual([]);
        await updateSettings(handle, { businessModel: "b2c" });
        const b2c = await generateTasksInDb(handle, { asOf: "2026-10-15" });
        expect(b2c.campaigns).toEqual([
          { id: expect.any(Number), key: "campaign:value:C:2026-Q4", segment: "C", members: 4 },
        ]);
        // Said outright, the option wins over the setting.
        const told = await generateTasksInDb(handle, {
          asOf: "2027-01-15",
          unknownCustomerType: "enterprise",
        });
        expect(told.campaigns).toEqual([]);
      } finally {
        await updateSettings(handle, { businessModel: "b2b" });
        await handle.db
          .updateTable("customers")
          .set({ type: "individual" })
          .where("code", "in", SHOPPERS)
          .execute();
      }
    });
  });
}
