import { ENGINES } from "@custra/db/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { AS_OF } from "./testing/company.fixture.ts";
import { routeTestServer } from "./testing/route-test-server.ts";
import type { SignedIn } from "./testing/sign-in.ts";

for (const engine of ENGINES) {
  describe(`analysis runs and grade runs over HTTP on ${engine}`, () => {
    const server = routeTestServer(engine, { company: { analyse: true } });
    /** The fixture's run, and the one the admin starts over HTTP. */
    let firstRun: number;
    let secondRun: number;
    let adminJob: number;
    beforeAll(async () => {
      firstRun = Number(
        (await server.handle.db.selectFrom("analysis_runs").select("id").executeTakeFirstOrThrow()).id,
      );
    }, 120_000);

    const get = (who: SignedIn, url: string) =>
      server.app.inject({ url, headers: { ...who.headers, "accept-language": "en" } });
    const post = (who: SignedIn, url: string, payload: object, headers: object = who.headers) =>
      server.app.inject({ method: "POST", url, headers: { ...headers, "accept-language": "en" }, payload });
    const finished = async (who: SignedIn, id: number) => {
      for (;;) {
        const job = (await get(who, `/api/v1/jobs/${id}`)).json();
        if (job.status === "succeeded" || job.status === "failed") return job;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const runCount = async () =>
      Number(
        (
          await server.handle.db
            .selectFrom("analysis_runs")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("starts an analysis run as a job for admin and analyst; 403 for manager and sales, nothing run", async () => {
      const started = await post(server.company.admin, "/api/v1/analysis-runs", { asOf: AS_OF, horizon: 26 });
      expect(started.statusCode).toBe(202);
      expect(started.json()).toMatchObject({
        kind: "analyze",
        status: "queued",
        requestedBy: server.company.admin.userId,
      });
      expect(started.headers.location).toBe(`/api/v1/jobs/${started.json().id}`);
      adminJob = started.json().id;
      const job = await finished(server.company.admin, adminJob);
      expect(job).toMatchObject({ status: "succeeded", result: { asOf: AS_OF, horizon: 26, customers: 4 } });
      secondRun = job.result.runId;
      expect(secondRun).toBeGreaterThan(firstRun);

      const before = await runCount();
      // A manager has analyze but sees part of the company: a run's report counts all of it.
      for (const who of [server.company.manager, server.company.salesA]) {
        const refused = await post(who, "/api/v1/analysis-runs", { asOf: AS_OF });
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "analyze" } });
      }
      const analyst = await post(server.company.analyst, "/api/v1/analysis-runs", { asOf: AS_OF });
      expect(analyst.statusCode).toBe(202);
      expect((await finished(server.company.analyst, analyst.json().id)).status).toBe("succeeded");
      expect(await runCount()).toBe(before + 1);

      const bad = await post(server.company.admin, "/api/v1/analysis-runs", { asOf: "2025-02-30", extra: 1 });
      expect(bad.statusCode).toBe(400);
      const { "x-csrf-token": _, ...noCsrf } = server.company.admin.headers;
      expect((await post(server.company.admin, "/api/v1/analysis-runs", {}, noCsrf)).statusCode).toBe(403);
      expect(await runCount()).toBe(before + 1);
    }, 120_000);

    it("shows a company-wide job's result only to its starter and readers of every customer", async () => {
      expect((await get(server.company.analyst, `/api/v1/jobs/${adminJob}`)).json().result).toMatchObject({
        customers: 4,
      });
      const manager = await get(server.company.manager, `/api/v1/jobs/${adminJob}`);
      expect(manager.statusCode).toBe(200);
      expect(manager.json()).toMatchObject({ status: "succeeded", result: null });
      const listed = (await get(server.company.manager, "/api/v1/jobs?kind=analyze")).json().jobs;
      expect(listed.length).toBeGreaterThan(0);
      for (const job of listed) expect(job.result).toBeNull();
      expect((await get(server.company.salesA, `/api/v1/jobs/${adminJob}`)).statusCode).toBe(404);
    });

    it("backtests as a job for admin; 403 for manager and sales; bad input 400", async () => {
      // Every customer bought twice by the calibration end, once more in the holdout.
      const input = { calibrationEnd: "2025-06-30", holdoutEnd: "2025-12-31" };
      const started = await post(server.company.admin, "/api/v1/analysis-runs/backtest", input);
      expect(started.statusCode).toBe(202);
      expect(started.json().kind).toBe("backtest");
      const job = await finished(server.company.admin, started.json().id);
      expect(job, JSON.stringify(job.error)).toMatchObject({ status: "succeeded", error: null });
      expect(job.result.cohort.customers).toBe(4);
      for (const who of [server.company.manager, server.company.salesA])
        expect((await post(who, "/api/v1/analysis-runs/backtest", input)).statusCode).toBe(403);
      const analyst = await post(server.company.analyst, "/api/v1/analysis-runs/backtest", input);
      expect(analyst.statusCode).toBe(202);
      expect((await finished(server.company.analyst, analyst.json().id)).status).toBe("succeeded");
      const bad = await post(server.company.admin, "/api/v1/analysis-runs/backtest", {
        calibrationEnd: "soon",
      });
      expect(bad.statusCode).toBe(400);
    }, 120_000);

    it("lists the runs newest first with a total and cursor; customer counts only for readers of all", async () => {
      for (const who of [
        server.company.admin,
        server.company.manager,
        server.company.salesA,
        server.company.analyst,
      ]) {
        const response = await get(who, "/api/v1/analysis-runs?limit=2");
        expect(response.statusCode).toBe(200);
        const page = response.json();
        expect(page.total).toBe(3);
        expect(page.runs.map((r: { run: { id: number } }) => r.run.id)).toEqual([secondRun + 1, secondRun]);
        expect(page.runs[0].run.status).toBe("completed");
        // Who started each: the analyst and the admin over HTTP; the fixture's run is custra's own.
        expect(
          page.runs.map((r: { startedBy: { username: string } | null }) => r.startedBy?.username),
        ).toEqual([server.company.analyst.username, server.company.admin.username]);
        const everyone = who === server.company.admin || who === server.company.analyst;
        expect(page.runs[1].run.customers).toBe(everyone ? 4 : null);
        expect(page.runs[1].predictor).toEqual({ transactions: "empirical", spend: "historical-mean" });
        expect(Object.keys(page.runs[1].timings).sort()).toEqual(["classify", "fit", "predict", "summary"]);
        const fallback = page.runs[1].warnings.find(
          (w: { code: string }) => w.code === "analyze.transactionFallback",
        );
        // Each warning comes with its text in the reader's language (English here).
        expect(fallback.text).toMatch(
          /^Purchases are predicted from the empirical repeat rate .* instead of the BG\/NBD model/,
        );
        for (const fit of Object.values(page.runs[1].models) as { logLikelihood: number | null }[])
          if (!everyone) expect(fit.logLikelihood).toBeNull();
        const next = (await get(who, `/api/v1/analysis-runs?limit=2&cursor=${page.nextCursor}`)).json();
        expect(next.runs.map((r: { run: { id: number } }) => r.run.id)).toEqual([firstRun]);
        expect(next.runs[0].startedBy).toBeNull();
        expect(next.nextCursor).toBeNull();
      }
      expect((await get(server.company.admin, "/api/v1/analysis-runs?limit=0")).statusCode).toBe(400);
      expect((await server.app.inject({ url: "/api/v1/analysis-runs" })).statusCode).toBe(401);
    });

    it("reads one run; its counts only for readers of all; an unknown run is 404", async () => {
      const admin = (await get(server.company.admin, `/api/v1/analysis-runs/${secondRun}`)).json();
      expect(admin.run).toMatchObject({
        id: secondRun,
        asOf: AS_OF,
        horizon: 26,
        customers: 4,
        startedBy: server.company.admin.userId,
      });
      expect(admin.warnings.map((w: { text: string }) => w.text)).toContain(
        "Spend per purchase is predicted from each customer's historical mean (the population's mean where a customer has none) instead of the Gamma-Gamma model.",
      );
      expect(admin.report).toMatchObject({ customers: 4, buyers: 4 });
      expect(admin.structure).not.toBeNull();
      for (const who of [server.company.manager, server.company.salesA]) {
        const limited = await get(who, `/api/v1/analysis-runs/${secondRun}`);
        expect(limited.statusCode).toBe(200);
        const body = limited.json();
        expect(body.run.customers).toBeNull();
        expect(body.report).toMatchObject({ customers: null, buyers: null });
        expect(body.structure).toBeNull();
        // The model fits carry no count of (or sum over) every customer.
        expect(JSON.stringify(body.report.models)).not.toMatch(/"customers"|logLikelihood/);
      }
      expect(
        (await get(server.company.analyst, `/api/v1/analysis-runs/${secondRun}`)).json().run.customers,
      ).toBe(4);
      const unknown = await get(server.company.admin, "/api/v1/analysis-runs/99999");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe("APP_NOT_FOUND");
      expect((await get(server.company.admin, "/api/v1/analysis-runs/abc")).statusCode).toBe(400);
    });

    it("lists a run's per-customer results within scope, with filters, sort, cursor and total", async () => {
      const codes = async (who: SignedIn, query = "") => {
        const response = await get(who, `/api/v1/analysis-runs/${firstRun}/results${query}`);
        expect(response.statusCode, query).toBe(200);
        const page = response.json();
        expect(page.analysisRunId).toBe(firstRun);
        return { codes: page.items.map((item: { code: string }) => item.code), page };
      };
      expect((await codes(server.company.admin)).codes).toEqual(["CA1", "CA2", "CB1", "CS1"]);
      expect((await codes(server.company.analyst)).codes).toEqual(["CA1", "CA2", "CB1", "CS1"]);
      expect((await codes(server.company.manager)).codes).toEqual(["CA1", "CA2", "CS1"]);
      expect((await codes(server.company.salesA)).codes).toEqual(["CA1", "CA2"]);
      expect((await codes(server.company.salesB)).codes).toEqual(["CB1"]);
      const { page: analystPage } = await codes(server.company.analyst);
      expect(analystPage.items[0].phone).toBe("138****5678");
      expect(analystPage.items[0].abcClass).not.toBeNull();

      // A filter and the total count only customers in scope.
      const { page: all } = await codes(server.company.admin);
      const abc = all.items.find((item: { code: string }) => item.code === "CB1").abcClass;
      const filtered = await codes(server.company.admin, `?abcClass=${abc}`);
      expect(filtered.codes).toContain("CB1");
      const salesFiltered = await codes(server.company.salesA, `?abcClass=${abc}`);
      expect(salesFiltered.codes).not.toContain("CB1");
      expect(salesFiltered.page.total).toBe(salesFiltered.codes.length);

      const first = await codes(server.company.manager, "?limit=2&sort=revenue&order=desc");
      expect(first.page.total).toBe(3);
      expect(first.codes).toHaveLength(2);
      const rest = await codes(
        server.company.manager,
        `?limit=2&sort=revenue&order=desc&cursor=${first.page.nextCursor}`,
      );
      expect([...first.codes, ...rest.codes].sort()).toEqual(["CA1", "CA2", "CS1"]);
      expect(rest.page.nextCursor).toBeNull();

      // A customer added after the run is in the customer list, and no result of the run.
      await server.handle.db
        .insertInto("customers")
        .values({ code: "CN1", name: "新客户", owner: server.company.salesA.username })
        .execute();
      expect((await codes(server.company.salesA)).codes).toEqual(["CA1", "CA2"]);
      const list = (await get(server.company.salesA, `/api/v1/customers?runId=${firstRun}`)).json();
      expect(list.items.map((item: { code: string }) => item.code)).toEqual(["CA1", "CA2", "CN1"]);
      await server.handle.db.deleteFrom("customers").where("code", "=", "CN1").execute();

      expect((await get(server.company.admin, "/api/v1/analysis-runs/99999/results")).statusCode).toBe(404);
      expect(
        (await get(server.company.admin, `/api/v1/analysis-runs/${firstRun}/results?sort=nope`)).statusCode,
      ).toBe(400);
    });

    it("summarises a run per segment, class, tier, lifecycle and churn level within scope", async () => {
      const expected = new Map([
        [server.company.admin, 4],
        [server.company.analyst, 4],
        [server.company.manager, 3],
        [server.company.salesA, 2],
        [server.company.salesB, 1],
      ]);
      for (const [who, customers] of expected) {
        const response = await get(who, `/api/v1/analysis-runs/${firstRun}/summary`);
        expect(response.statusCode).toBe(200);
        const summary = response.json();
        expect(summary).toMatchObject({ runId: firstRun, customers });
        for (const dimension of ["rfmSegment", "abcClass", "valueTier", "lifecycle", "churnWarning"]) {
          const groups = summary[dimension] as { customers: number }[];
          expect(
            groups.reduce((sum, group) => sum + group.customers, 0),
            dimension,
          ).toBe(customers);
        }
      }
      expect((await get(server.company.salesA, "/api/v1/analysis-runs/99999/summary")).statusCode).toBe(404);
    });

    it("lists grade runs newest first with customers per grade within scope, and reads one", async () => {
      const admin = (await get(server.company.admin, "/api/v1/grade-runs?scheme=value")).json();
      expect(admin.total).toBeGreaterThanOrEqual(1);
      const run = admin.runs[0];
      expect(run).toMatchObject({
        scheme: "value",
        analysisRunId: firstRun,
        customers: 4,
        customersInScope: 4,
      });
      const counts = new Map([
        [server.company.admin, 4],
        [server.company.analyst, 4],
        [server.company.manager, 3],
        [server.company.salesA, 2],
        [server.company.salesB, 1],
      ]);
      for (const [who, customers] of counts) {
        const listed = (await get(who, "/api/v1/grade-runs?scheme=value")).json();
        expect(listed.total).toBe(admin.total);
        const mine = listed.runs[0];
        expect(mine.customersInScope).toBe(customers);
        expect(mine.grades.reduce((sum: number, g: { customers: number }) => sum + g.customers, 0)).toBe(
          customers,
        );
        expect(mine.customers).toBe(customers === 4 ? 4 : null);
        const one = await get(who, `/api/v1/grade-runs/${run.id}`);
        expect(one.statusCode).toBe(200);
        expect(one.json()).toEqual(mine);
      }
      // The sales user of department B sees her one customer's grade, and no other.
      const b = (await get(server.company.salesB, `/api/v1/grade-runs/${run.id}`)).json();
      const cb1 = await server.handle.db
        .selectFrom("customer_grades")
        .select("grade")
        .where("grade_run_id", "=", run.id)
        .where("customer_id", "=", server.company.ids.get("CB1")!)
        .executeTakeFirstOrThrow();
      expect(b.grades).toEqual([{ grade: cb1.grade, customers: 1 }]);

      const page = (await get(server.company.admin, "/api/v1/grade-runs?limit=1")).json();
      expect(page.runs).toHaveLength(1);
      expect(page.total).toBe((await get(server.company.admin, "/api/v1/grade-runs")).json().total);
      if (page.total > 1) expect(page.nextCursor).toBe(page.runs[0].id);
      expect((await get(server.company.admin, "/api/v1/grade-runs/99999")).statusCode).toBe(404);
      expect(
        (await get(server.company.admin, "/api/v1/grade-runs?scheme=nope")).statusCode,
      ).toBeGreaterThanOrEqual(400);
      expect((await get(server.company.admin, "/api/v1/grade-runs?limit=0")).statusCode).toBe(400);
    });

    it("checks a run's predictions against the orders after its as-of date; 403 below the all scope", async () => {
      // Each customer bought on 2024-03-01 and 2025-01-10 (one repeat purchase by the as-of date)
      // and once more on 2025-11-20, the last order: 143 days of holdout.
      const started = await post(server.company.admin, "/api/v1/analysis-runs", { asOf: "2025-06-30" });
      const { runId } = (await finished(server.company.admin, started.json().id)).result;
      const response = await get(server.company.admin, `/api/v1/analysis-runs/${runId}/backtest`);
      expect(response.statusCode).toBe(200);
      const check = response.json();
      // Four repeat buyers are too few for the BG/NBD: the run's empirical repeat rate is checked.
      expect(check).toMatchObject({
        runId,
        calibrationEnd: "2025-06-30",
        timeUnit: "week",
        predictor: "empirical",
        lastOrder: "2025-11-20",
      });
      const { holdout } = check;
      expect(holdout).toMatchObject({
        holdoutEnd: "2025-11-20",
        cohort: { customers: 4, repeatBuyers: 4, calibrationRepeatPurchases: 4 },
        warnings: [],
      });
      expect(holdout.holdoutLength).toBeCloseTo(143 / 7, 12);
      // By hand: every customer is T = 486 days old with x = 1, so the population's rate is 1/T and
      // each one's (x + 1)/(T + 1/rate) = 1/T too; over the holdout 143/486 purchases each.
      const each = 143 / 486;
      expect(holdout.totals.actual).toBe(4);
      expect(holdout.totals.predicted).toBeCloseTo(4 * each, 12);
      expect(holdout.totals.ratio).toBeCloseTo(each, 12);
      expect(holdout.errors.mae).toBeCloseTo(1 - each, 12);
      // Every customer has the same prediction: no correlation to speak of.
      expect(holdout.correlation).toBeNull();
      expect(holdout.byFrequency.map((row: { x: string }) => row.x)).toEqual([
        "0",
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7+",
      ]);
      expect(holdout.byFrequency[1]).toMatchObject({ x: "1", customers: 4, meanActual: 1 });
      expect(holdout.byFrequency[1].meanPredicted).toBeCloseTo(each, 12);
      for (const row of holdout.byFrequency.filter((row: { x: string }) => row.x !== "1"))
        expect(row).toEqual({ x: row.x, customers: 0, meanActual: null, meanPredicted: null });
      // Weeks from the first purchases (69.4 weeks before the as-of date) to the holdout's end.
      const points = holdout.tracking;
      expect(points).toHaveLength(69 + 1 + 21);
      expect(points.find((point: { period: number }) => point.period === 0)).toMatchObject({
        date: "2025-06-30",
        holdout: false,
        actual: 4,
      });
      const last = points.at(-1);
      expect(last).toMatchObject({ period: 21, date: "2025-11-20", holdout: true, actual: 8 });
      // Four customers 629 days old at the rate of 1/486 a day.
      expect(last.expected).toBeCloseTo((4 * 629) / 486, 9);

      // The fixture's run is as of the year's end, after the last order: nothing to check it on.
      expect(
        (await get(server.company.analyst, `/api/v1/analysis-runs/${firstRun}/backtest`)).json(),
      ).toMatchObject({
        runId: firstRun,
        calibrationEnd: AS_OF,
        lastOrder: "2025-11-20",
        holdout: null,
      });
      // The cohort's purchases count every customer: refused to readers of some of them.
      for (const who of [server.company.manager, server.company.salesA]) {
        const refused = await get(who, `/api/v1/analysis-runs/${runId}/backtest`);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ code: "APP_FORBIDDEN" });
      }
      expect((await get(server.company.admin, "/api/v1/analysis-runs/99999/backtest")).statusCode).toBe(404);
    }, 120_000);
  });
}
