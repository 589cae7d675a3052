/**
 * What the satisfaction page reads over HTTP: NPS and CSI of a grade or segment (summary, trend,
 * breakdown), the surveys that call for a follow-up with their follow-up tasks, and how long
 * complaints stay open, each only of the customers in the reader's scope.
 */
import { detractorKey } from "@custra/core";
import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

/** Each customer's grade (value scheme) and RFM segment, set on the fixture's runs. */
const GRADES = { CA1: "A", CA2: "A", CS1: "B", CB1: "C" } as const;
const SEGMENTS = { CA1: "champions", CA2: "at_risk", CS1: "champions", CB1: "lost" } as const;

for (const engine of ENGINES) {
  describe(`satisfaction routes on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    const { get } = server;
    beforeAll(async () => {
      const { db } = server.handle;
      const ids = server.company.ids;
      const gradeRun = await db
        .selectFrom("grade_runs")
        .select("id")
        .where("scheme_name", "=", "value")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      const analysisRun = await db
        .selectFrom("analysis_runs")
        .select("id")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      for (const [code, grade] of Object.entries(GRADES)) {
        await db
          .updateTable("customer_grades")
          .set({ grade })
          .where("grade_run_id", "=", gradeRun.id)
          .where("customer_id", "=", ids.get(code)!)
          .execute();
        await db
          .updateTable("customer_scores")
          .set({ rfm_segment: SEGMENTS[code as keyof typeof SEGMENTS] })
          .where("run_id", "=", analysisRun.id)
          .where("customer_id", "=", ids.get(code)!)
          .execute();
      }
      const answer = (
        code: string,
        day: string,
        nps: number | null,
        item: string | null,
        score: number | null,
      ) => ({
        customer_id: ids.get(code)!,
        external_id: `SV-${code}-${day}-${item ?? "nps"}`,
        answered_on: day,
        nps,
        item,
        satisfaction: score,
      });
      await db
        .insertInto("survey_answers")
        .values([
          answer("CA1", "2025-12-01", 10, null, null),
          answer("CA1", "2025-12-01", null, "服务", 4),
          answer("CA2", "2025-11-15", 3, null, null),
          answer("CS1", "2025-11-01", 7, null, null),
          answer("CB1", "2025-10-01", 2, null, null),
          answer("CB1", "2025-10-01", null, "服务", 1),
          answer("CA1", "2025-09-10", null, "服务", 2),
        ])
        .execute();
      // The follow-ups task generation made: CA2's still open, CB1's done (the survey's first answer names it).
      const followUp = (code: string, externalId: string, status: string) => ({
        customer_id: ids.get(code)!,
        kind: "detractor_follow_up",
        occasion_key: detractorKey(externalId),
        owner: null,
        due_on: "2025-12-20",
        priority: 1,
        reason: JSON.stringify({ code: "detractor", params: { nps: 3 } }),
        status,
      });
      await db
        .insertInto("tasks")
        .values([
          followUp("CA2", "SV-CA2-2025-11-15-nps", "open"),
          followUp("CB1", "SV-CB1-2025-10-01-nps", "done"),
        ])
        .execute();
      const complaint = (code: string, at: string, resolvedAt: string | null, kind = "complaint") => ({
        customer_id: ids.get(code)!,
        external_id: `ACT-${code}-${at}`,
        kind,
        occurred_at: new Date(at),
        summary: "投诉",
        owner: null,
        resolved_at: resolvedAt === null ? null : new Date(resolvedAt),
      });
      await db
        .insertInto("interactions")
        .values([
          complaint("CA1", "2025-01-01T00:00:00Z", "2025-01-01T12:00:00Z"),
          complaint("CA2", "2025-01-02T00:00:00Z", "2025-01-06T00:00:00Z"),
          complaint("CB1", "2025-01-08T00:00:00Z", null),
          complaint("CS1", "2025-01-09T00:00:00Z", null, "visit"),
        ])
        .execute();
    });

    const json = async (who: SignedIn, url: string) => {
      const response = await get(who, url);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };

    it("gives NPS and CSI of one grade or RFM segment, in the summary and month by month", async () => {
      const { admin, salesA } = server.company;
      // Grade A is CA1 and CA2: NPS 10 and 3, satisfaction 4 and 2.
      const gradeA = await json(admin, "/api/v1/surveys/summary?grade=A");
      expect(gradeA.nps).toEqual({ responses: 2, promoters: 1, passives: 0, detractors: 1, score: 0 });
      expect(gradeA.csi).toEqual({
        overall: 50,
        items: [{ item: "服务", responses: 2, mean: 3, index: 50 }],
      });
      expect((await json(admin, "/api/v1/surveys/summary?scheme=value&grade=B")).nps).toMatchObject({
        responses: 1,
        passives: 1,
      });
      expect((await json(admin, "/api/v1/surveys/summary?rfmSegment=champions")).nps.score).toBe(50);
      // Another scheme's grade A is a different set of customers (or none): never value's.
      expect((await json(admin, "/api/v1/surveys/summary?scheme=nonesuch&grade=A")).answers).toBe(0);
      expect((await json(salesA, "/api/v1/surveys/summary?grade=C")).answers).toBe(0);
      const trend = await json(admin, "/api/v1/surveys/trend?grade=A&months=4&to=2025-12-31");
      expect(
        trend.map((m: { month: string; answers: number; nps: { score: number | null } }) => [
          m.month,
          m.answers,
          m.nps.score,
        ]),
      ).toEqual([
        ["2025-09", 1, null],
        ["2025-10", 0, null],
        ["2025-11", 1, -100],
        ["2025-12", 2, 100],
      ]);
      // Without `to`: up to the latest answer of the grade's customers.
      const latest = await json(admin, "/api/v1/surveys/trend?rfmSegment=lost&months=1");
      expect(latest).toMatchObject([{ month: "2025-10", answers: 2, nps: { score: -100 } }]);
      expect((await get(admin, "/api/v1/surveys/summary?rfmSegment=whales")).statusCode).toBe(400);
    });

    it("breaks NPS and CSI down per grade and per segment, within the reader's scope", async () => {
      const { admin, salesA } = server.company;
      const byGrade = await json(admin, "/api/v1/surveys/breakdown?by=grade");
      expect(byGrade.scheme).toBe("value");
      expect(
        byGrade.groups.map((g: { code: string; answers: number; nps: { score: number | null } }) => [
          g.code,
          g.answers,
          g.nps.score,
        ]),
      ).toEqual([
        ["A", 4, 0],
        ["B", 1, 0],
        ["C", 2, -100],
      ]);
      expect(byGrade.groups[0].csi.overall).toBe(50);
      // Each group is what the summary says of it.
      expect(byGrade.groups[2]).toEqual({
        code: "C",
        ...(await json(admin, "/api/v1/surveys/summary?grade=C")),
      });
      const bySegment = await json(admin, "/api/v1/surveys/breakdown?by=rfmSegment&from=2025-10-01");
      expect(bySegment.groups.map((g: { code: string; answers: number }) => [g.code, g.answers])).toEqual([
        ["at_risk", 1],
        ["champions", 3],
        ["lost", 2],
      ]);
      const mine = await json(salesA, "/api/v1/surveys/breakdown?by=grade");
      expect(mine.groups.map((g: { code: string }) => g.code)).toEqual(["A"]);
      expect((await get(admin, "/api/v1/surveys/breakdown")).statusCode).toBe(400);
      expect((await get(admin, "/api/v1/surveys/breakdown?by=owner")).statusCode).toBe(400);
    });

    it("lists the surveys that call for a follow-up, newest first, with their follow-up tasks", async () => {
      const { admin, manager, salesA, salesB } = server.company;
      const followUps = (who: SignedIn, query = "") => json(who, `/api/v1/surveys/follow-ups${query}`);
      const all = await followUps(admin);
      expect(all.total).toBe(3);
      expect(
        all.items.map((f: { customerCode: string; answeredOn: string; reason: string; followUp: string }) => [
          f.customerCode,
          f.answeredOn,
          f.reason,
          f.followUp,
        ]),
      ).toEqual([
        ["CA2", "2025-11-15", "detractor", "open"],
        ["CB1", "2025-10-01", "detractor", "done"],
        ["CA1", "2025-09-10", "low_satisfaction", "none"],
      ]);
      expect(all.items[1]).toMatchObject({
        nps: 2,
        satisfaction: 1,
        task: { status: "done", dueOn: "2025-12-20" },
      });
      expect(all.items[2]).toMatchObject({ nps: null, satisfaction: 2, task: null, owner: salesA.username });
      const codes = async (who: SignedIn, query = "") =>
        (await followUps(who, query)).items.map((f: { customerCode: string }) => f.customerCode);
      expect(await codes(salesA)).toEqual(["CA2", "CA1"]);
      expect(await codes(manager)).toEqual(["CA2", "CA1"]);
      expect(await codes(salesB)).toEqual(["CB1"]);
      expect(await codes(admin, "?followUp=none")).toEqual(["CA1"]);
      expect(await codes(admin, "?followUp=done")).toEqual(["CB1"]);
      expect(await codes(admin, "?grade=A")).toEqual(["CA2", "CA1"]);
      expect(await codes(admin, "?from=2025-10-01&to=2025-10-31")).toEqual(["CB1"]);
      const first = await followUps(admin, "?limit=2");
      expect([first.items.length, first.total]).toEqual([2, 3]);
      const rest = await followUps(admin, `?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
      expect(rest.items.map((f: { customerCode: string }) => f.customerCode)).toEqual(["CA1"]);
      expect((await get(admin, "/api/v1/surveys/follow-ups?followUp=later")).statusCode).toBe(400);
    });

    it("tells how long complaints stay open, and lists the open ones", async () => {
      const { admin, salesA } = server.company;
      const summary = await json(admin, "/api/v1/interactions/complaint-summary");
      // CA1 resolved in 12 hours, CA2 in 96; CB1's has been open for far more than a month.
      expect(summary).toMatchObject({
        total: 3,
        open: 1,
        resolved: 2,
        openPastDeadline: 1,
        deadlineHours: 48,
        resolvedHours: { median: 54, mean: 54 },
      });
      expect(summary.openHours.longest).toBeGreaterThan(24 * 30);
      expect(summary.durations).toEqual([
        { code: "day", resolved: 1, open: 0 },
        { code: "three_days", resolved: 0, open: 0 },
        { code: "week", resolved: 1, open: 0 },
        { code: "month", resolved: 0, open: 0 },
        { code: "longer", resolved: 0, open: 1 },
      ]);
      const mine = await json(salesA, "/api/v1/interactions/complaint-summary");
      expect(mine).toMatchObject({ total: 2, open: 0, openHours: { median: null, longest: null } });
      const since = await json(admin, "/api/v1/interactions/complaint-summary?from=2025-01-02T00:00:00Z");
      expect([since.total, since.resolved]).toEqual([2, 1]);
      const list = (query: string) => json(admin, `/api/v1/interactions?kind=complaint&${query}`);
      expect((await list("open=true")).items.map((i: { customerCode: string }) => i.customerCode)).toEqual([
        "CB1",
      ]);
      expect((await list("open=false")).total).toBe(2);
      expect((await get(admin, "/api/v1/interactions?open=perhaps")).statusCode).toBe(400);
    });

    it("lists its paths in the OpenAPI document", async () => {
      const doc = (await server.app.inject("/api/docs/json")).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          "/api/v1/surveys/breakdown",
          "/api/v1/surveys/follow-ups",
          "/api/v1/interactions/complaint-summary",
        ]),
      );
    });
  });
}
