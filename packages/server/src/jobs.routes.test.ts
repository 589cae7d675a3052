import { createDemoCompany, LOCAL_OPERATOR } from "@custra/app";
import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextRuns } from "./plugins/app/jobs.ts";
import { type SignedIn, signedInPerRole } from "./testing/sign-in.ts";
import { injectableServer } from "./testing/test-server.ts";

/** The events of a server-sent event stream, in order. */
function eventsOf(body: string): { event: string; data: Record<string, unknown> }[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim() !== "" && !block.startsWith(":"))
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))!.slice(7);
      const data = JSON.parse(lines.find((line) => line.startsWith("data: "))!.slice(6));
      return { event, data };
    });
}

for (const engine of ENGINES) {
  describe(`background jobs over HTTP on ${engine}`, () => {
    let handle: DbHandle;
    let app: FastifyInstance;
    let logLines: () => string[];
    const as: Record<string, SignedIn> = {};
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await createDemoCompany(
        { handle, actor: LOCAL_OPERATOR },
        { customers: 200, seed: 7, asOf: "2026-11-30" },
      );
      ({ app, logLines } = await injectableServer(handle));
      await app.ready();
      Object.assign(as, await signedInPerRole(app, handle));
    }, 180_000);
    afterAll(async () => {
      await app?.close();
      await handle?.close();
    });

    const call = (who: SignedIn, method: "GET" | "POST", url: string, payload?: object) =>
      app.inject({
        method,
        url,
        headers: { ...who.headers, "accept-language": "en" },
        ...(payload ? { payload } : {}),
      });

    const runPipeline = async (who: SignedIn) => {
      const started = await call(who, "POST", "/api/v1/jobs", { kind: "pipeline", input: {} });
      expect(started.statusCode).toBe(202);
      const job = started.json();
      expect(job).toMatchObject({
        kind: "pipeline",
        status: "queued",
        requestedBy: who.userId,
        trigger: "manual",
      });
      expect(started.headers.location).toBe(`/api/v1/jobs/${job.id}`);
      const stream = await call(who, "GET", `/api/v1/jobs/${job.id}/events`);
      expect(stream.statusCode).toBe(200);
      expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
      return { id: job.id as number, events: eventsOf(stream.body) };
    };

    for (const role of ["admin", "analyst"])
      it(`runs the daily pipeline for ${role}, its progress streamed to the end`, async () => {
        const { id, events } = await runPipeline(as[role]!);
        const last = events.at(-1)!;
        expect(last.event).toBe("finished");
        expect(last.data).toMatchObject({ id, status: "succeeded", error: null });
        const result = last.data.result as { analysis: object; grading: unknown[]; tasks: object };
        expect(result.analysis).toBeTypeOf("object");
        expect(result.grading.length).toBeGreaterThan(0);
        expect(result.tasks).toBeTypeOf("object");
        const stages = events.filter((e) => e.event === "progress").map((e) => e.data.stage);
        // The job starts before the stream is opened: its first stages may have passed already.
        expect(stages).toEqual(expect.arrayContaining(["tasks", "tasks.write"]));
        for (const stage of stages) expect(stage).toMatch(/^(analyze|grade|tasks)(\.|$)/);
        expect(events.filter((e) => e.event === "finished")).toHaveLength(1);

        // A finished job sends its final state at once, and the job reads the same.
        const again = eventsOf((await call(as[role]!, "GET", `/api/v1/jobs/${id}/events`)).body);
        expect(again).toEqual([{ event: "finished", data: last.data }]);
        const read = await call(as[role]!, "GET", `/api/v1/jobs/${id}`);
        expect(read.json()).toMatchObject({ id, status: "succeeded" });
      }, 120_000);

    it("refuses sales the pipeline (403), without CSRF (403), an unknown kind and bad input (400)", async () => {
      const before = (await call(as.admin!, "GET", "/api/v1/jobs?limit=200")).json().jobs.length;
      const sales = await call(as.sales!, "POST", "/api/v1/jobs", { kind: "pipeline", input: {} });
      expect(sales.statusCode).toBe(403);
      expect(sales.json()).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "analyze" } });
      const noCsrf = await app.inject({
        method: "POST",
        url: "/api/v1/jobs",
        headers: { cookie: as.admin!.headers.cookie },
        payload: { kind: "pipeline", input: {} },
      });
      expect(noCsrf.statusCode).toBe(403);
      const unknown = await call(as.admin!, "POST", "/api/v1/jobs", { kind: "dance", input: {} });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe("JOB_UNKNOWN_KIND");
      const bad = await call(as.admin!, "POST", "/api/v1/jobs", {
        kind: "pipeline",
        input: { analysisAsOf: "soon" },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toContain("analysisAsOf");
      const noKind = await call(as.admin!, "POST", "/api/v1/jobs", { input: {} });
      expect(noKind.statusCode).toBe(400);
      expect(noKind.json().detail).toContain("body.kind");
      expect((await call(as.admin!, "GET", "/api/v1/jobs?limit=200")).json().jobs).toHaveLength(before);
    });

    it("shows a job to those with analyze, not to a user without it", async () => {
      const { jobs } = (await call(as.admin!, "GET", "/api/v1/jobs?kind=pipeline")).json();
      expect(jobs.length).toBeGreaterThanOrEqual(2);
      const id = jobs[0].id;
      expect((await call(as.manager!, "GET", "/api/v1/jobs?kind=pipeline")).json().jobs).toHaveLength(
        jobs.length,
      );
      expect((await call(as.manager!, "GET", `/api/v1/jobs/${id}`)).statusCode).toBe(200);
      expect((await call(as.sales!, "GET", "/api/v1/jobs")).json()).toEqual({ jobs: [], nextCursor: null });
      expect((await call(as.sales!, "GET", `/api/v1/jobs/${id}`)).statusCode).toBe(404);
      expect((await call(as.sales!, "GET", `/api/v1/jobs/${id}/events`)).statusCode).toBe(404);
      const page = (await call(as.admin!, "GET", "/api/v1/jobs?limit=1")).json();
      expect(page.jobs).toHaveLength(1);
      expect(page.nextCursor).toBe(page.jobs[0].id);
      expect((await call(as.admin!, "GET", "/api/v1/jobs?limit=0")).statusCode).toBe(400);
    });

    it("schedules the daily pipeline in the company's time zone", () => {
      const scheduled = logLines()
        .map((line) => JSON.parse(line))
        .find((line) => line.msg === "daily pipeline scheduled");
      expect(scheduled).toMatchObject({ schedule: "0 6 * * *", timeZone: "Asia/Shanghai" });
      expect(
        nextRuns("0 6 * * *", "Asia/Shanghai", 2, new Date("2026-12-02T00:00:00Z")).map((d) =>
          d.toISOString(),
        ),
      ).toEqual(["2026-12-02T22:00:00.000Z", "2026-12-03T22:00:00.000Z"]);
    });

    it("starts the pipeline on its schedule, as a scheduled job only analysts and admins see", async () => {
      const { app: scheduled } = await injectableServer(handle, { CUSTRA_PIPELINE_SCHEDULE: "* * * * * *" });
      await scheduled.ready();
      try {
        let job: { id: number; status: string; trigger: string; requestedBy: number | null } | undefined;
        for (let i = 0; i < 100 && job?.status !== "succeeded"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const { jobs } = (await call(as.analyst!, "GET", "/api/v1/jobs?kind=pipeline&limit=200")).json();
          job = jobs.filter((j: { trigger: string }) => j.trigger === "schedule").at(-1);
        }
        expect(job).toMatchObject({ status: "succeeded", trigger: "schedule", requestedBy: null });
        expect((await call(as.sales!, "GET", `/api/v1/jobs/${job!.id}`)).statusCode).toBe(404);
      } finally {
        await scheduled.close();
      }
    }, 60_000);

    it("shows the schedule with its next runs and the last jobs to those with analyze", async () => {
      const before = Date.now();
      const shown = await call(as.admin!, "GET", "/api/v1/jobs/schedule");
      expect(shown.statusCode).toBe(200);
      const view = shown.json();
      expect(view).toMatchObject({
        pattern: "0 6 * * *",
        timeZone: "Asia/Shanghai",
        timeZoneFrom: "settings",
      });
      // Every day at 06:00 in Shanghai is 22:00 UTC the day before, the first within a day from now.
      expect(view.nextRuns).toEqual(
        nextRuns("0 6 * * *", "Asia/Shanghai", 3, new Date(before)).map((d) => d.toISOString()),
      );
      expect(Date.parse(view.nextRuns[0]) - before).toBeLessThanOrEqual(24 * 3600_000);
      const [newest] = (await call(as.admin!, "GET", "/api/v1/jobs?kind=pipeline&limit=1")).json().jobs;
      expect(view.lastJob).toEqual(newest);
      const scheduled = (await call(as.admin!, "GET", "/api/v1/jobs?kind=pipeline&limit=200")).json().jobs;
      expect(view.lastScheduledJob).toEqual(
        scheduled.find((j: { trigger: string }) => j.trigger === "schedule"),
      );
      expect(view.lastScheduledJob).toMatchObject({ trigger: "schedule", status: "succeeded" });
      // A manager sees the jobs but not their company-wide counts, as GET /jobs/{id} shows them.
      const manager = (await call(as.manager!, "GET", "/api/v1/jobs/schedule")).json();
      expect(manager.lastJob).toEqual((await call(as.manager!, "GET", `/api/v1/jobs/${newest.id}`)).json());
      expect(manager.lastJob.result).toBeNull();
      const sales = await call(as.sales!, "GET", "/api/v1/jobs/schedule");
      expect(sales.statusCode).toBe(403);
      expect(sales.json()).toMatchObject({ code: "APP_FORBIDDEN", params: { permission: "analyze" } });

      // Off: no zone, no next run; the server's own zone when it has one.
      for (const [env, expected] of [
        [
          { CUSTRA_PIPELINE_SCHEDULE: "off" },
          { pattern: null, timeZone: null, timeZoneFrom: null, nextRuns: [] },
        ],
        [
          { CUSTRA_PIPELINE_SCHEDULE: "30 5 * * 1-5", CUSTRA_TIME_ZONE: "Europe/Berlin" },
          { pattern: "30 5 * * 1-5", timeZone: "Europe/Berlin", timeZoneFrom: "server" },
        ],
      ] as const) {
        const { app: other } = await injectableServer(handle, env);
        await other.ready();
        try {
          const answer = await other.inject({ url: "/api/v1/jobs/schedule", headers: as.analyst!.headers });
          expect(answer.json()).toMatchObject({ ...expected, lastJob: { id: newest.id } });
          if (expected.pattern) expect(answer.json().nextRuns).toHaveLength(3);
        } finally {
          await other.close();
        }
      }
    });

    it("describes the routes in the OpenAPI document", async () => {
      const paths = Object.keys((await app.inject("/api/docs/json")).json().paths);
      for (const path of [
        "/api/v1/jobs/",
        "/api/v1/jobs/{id}",
        "/api/v1/jobs/{id}/events",
        "/api/v1/jobs/schedule",
      ])
        expect(paths).toContain(path);
    });
  });
}
