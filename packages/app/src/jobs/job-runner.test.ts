import { CustraError } from "@custra/core/errors";
import { type DbHandle, findJob } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Actor, LOCAL_OPERATOR } from "../access/actor.ts";
import type { AppContext } from "../context.ts";
import { type JobEvent, JobRunner, jobErrorText, jobKind } from "./job-runner.ts";
import { getJob, listJobs } from "./jobs.service.ts";

class TestRefusal extends CustraError<"APP_CONFLICT"> {
  constructor() {
    super("APP_CONFLICT", "app.error.conflict", { reason: "test" });
  }
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

for (const engine of ENGINES) {
  describe(`background jobs on ${engine}`, () => {
    let handle: DbHandle;
    let ctx: AppContext;
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const unexpected: number[] = [];
    let runner: JobRunner;

    beforeAll(async () => {
      handle = await openTestDb(engine);
      ctx = { handle, actor: LOCAL_OPERATOR };
      runner = new JobRunner(
        handle,
        {
          count: jobKind({
            permission: "analyze",
            input: z.strictObject({ name: z.string(), to: z.number().int().min(1) }),
            async run(scope, { name, to }) {
              order.push(`start ${name}`);
              for (let i = 1; i <= to; i++) scope.report({ stage: "counting", done: i, total: to });
              await gates.get(name)?.opened;
              order.push(`end ${name}`);
              return { counted: to };
            },
          }),
          refuse: jobKind({
            permission: "analyze",
            input: z.strictObject({}),
            async run() {
              throw new TestRefusal();
            },
          }),
          upload: jobKind({
            permission: "analyze",
            internal: true,
            input: z.strictObject({ file: z.string() }),
            async run(_scope, { file }) {
              return { read: file };
            },
          }),
          crash: jobKind({
            permission: "analyze",
            input: z.strictObject({}),
            async run() {
              throw new Error("disk on fire");
            },
          }),
        },
        // Its own sweep for dead jobs looks an hour back: the jobs the tests below make dead are
        // for the runners those tests start to find.
        { heartbeatMs: 50, staleMs: 60 * 60_000, onUnexpectedError: (id) => unexpected.push(id) },
      );
      await runner.start();
    });
    afterAll(async () => {
      await runner?.stop();
      await handle?.close();
    });

    const finished = (id: number) =>
      new Promise<JobEvent & { type: "finished" }>((resolve) => {
        const stop = runner.subscribe(id, (event) => {
          if (event.type === "finished") {
            stop();
            resolve(event);
          }
        });
      });

    it("runs a job, reporting progress, and keeps its result", async () => {
      gates.set("a", gate());
      const job = await runner.submit(ctx, "count", { name: "a", to: 3 });
      expect(job.status).toBe("queued");
      const events: JobEvent[] = [];
      runner.subscribe(job.id, (event) => events.push(event));
      const end = finished(job.id);
      gates.get("a")!.open();
      const { job: done } = await end;
      expect(done).toMatchObject({
        status: "succeeded",
        result: { counted: 3 },
        kind: "count",
        trigger: "manual",
      });
      expect(
        events.filter((e) => e.type === "progress").map((e) => e.type === "progress" && e.progress.done),
      ).toEqual([1, 2, 3]);
      expect((await findJob(handle.db, job.id))?.progress).toEqual({ stage: "counting", done: 1, total: 3 });
    });

    it("runs one job at a time, in the order they came", async () => {
      order.length = 0;
      gates.set("b", gate());
      gates.set("c", gate());
      const b = await runner.submit(ctx, "count", { name: "b", to: 1 });
      const c = await runner.submit(ctx, "count", { name: "c", to: 1 });
      const ends = Promise.all([finished(b.id), finished(c.id)]);
      expect((await findJob(handle.db, c.id))?.status).toBe("queued");
      gates.get("c")!.open();
      gates.get("b")!.open();
      await ends;
      expect(order).toEqual(["start b", "end b", "start c", "end c"]);
      const [first, second] = [await findJob(handle.db, b.id), await findJob(handle.db, c.id)];
      expect(second!.startedAt!.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
    });

    it("refuses a job the actor may not run, or with bad input, without recording it", async () => {
      const before = (await listJobs(ctx, {})).jobs.length;
      const sales: Actor = { ...LOCAL_OPERATOR, userId: 7, role: "sales", permissions: new Set(["read"]) };
      await expect(
        runner.submit({ handle, actor: sales }, "count", { name: "x", to: 1 }),
      ).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
      await expect(runner.submit(ctx, "count", { name: "x", to: 0 })).rejects.toMatchObject({
        code: "APP_INVALID_INPUT",
      });
      await expect(runner.submit(ctx, "nope", {})).rejects.toMatchObject({ code: "JOB_UNKNOWN_KIND" });
      // An internal kind's input is trusted (a file on the server): no client may name it.
      await expect(runner.submit(ctx, "upload", { file: "/etc/passwd" })).rejects.toMatchObject({
        code: "JOB_UNKNOWN_KIND",
      });
      expect((await listJobs(ctx, {})).jobs.length).toBe(before);
      const own = await runner.submit(ctx, "upload", { file: "stored" }, "manual", { internal: true });
      expect((await finished(own.id)).job).toMatchObject({ status: "succeeded", result: { read: "stored" } });
    });

    it("records a refusal by its code and an unexpected failure without its details", async () => {
      const refused = await runner.submit(ctx, "refuse", {});
      const { error } = (await finished(refused.id)).job;
      expect(error).toEqual({ code: "APP_CONFLICT", params: { reason: "test" }, key: "app.error.conflict" });
      // Kept with its message's key, a reader renders it in their own language later.
      expect(jobErrorText(error)).toEqual(new TestRefusal().text);
      const crashed = await runner.submit(ctx, "crash", {});
      const { job } = await finished(crashed.id);
      expect(job).toMatchObject({
        status: "failed",
        error: { code: "JOB_FAILED", params: { job: crashed.id } },
      });
      expect(JSON.stringify(job)).not.toContain("disk on fire");
      expect(unexpected).toContain(crashed.id);
    });

    it("marks failed at start the jobs of a process that died, and no others", async () => {
      const old = new Date(Date.now() - 10 * 60_000);
      const dead = await handle.db
        .insertInto("jobs")
        .values({ kind: "count", status: "running", trigger: "schedule", heartbeat_at: old, started_at: old })
        .returning("id")
        .executeTakeFirstOrThrow();
      const alive = await handle.db
        .insertInto("jobs")
        .values({ kind: "count", status: "running", trigger: "schedule", heartbeat_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
      const next = new JobRunner(handle, {});
      expect(await next.start()).toEqual([Number(dead.id)]);
      await next.stop();
      expect(await findJob(handle.db, Number(dead.id))).toMatchObject({
        status: "failed",
        error: { code: "JOB_INTERRUPTED" },
      });
      expect((await findJob(handle.db, Number(alive.id)))?.status).toBe("running");
      await handle.db.deleteFrom("jobs").where("id", "=", Number(alive.id)).execute();
    });

    it("keeps marking failed, while it runs, a job whose process died just before it started", async () => {
      // Restarted at once after a crash: the dead job's heartbeat is still fresh at start.
      const dead = await handle.db
        .insertInto("jobs")
        .values({ kind: "count", status: "running", trigger: "manual", heartbeat_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
      const told: number[][] = [];
      const held = gate();
      const kinds = {
        hold: jobKind({ permission: "analyze", input: z.strictObject({}), run: () => held.opened }),
      };
      const next = new JobRunner(handle, kinds, {
        heartbeatMs: 50,
        staleMs: 300,
        onAbandoned: (ids) => told.push(ids),
      });
      expect(await next.start()).toEqual([]);
      const own = await next.submit(ctx, "hold", {});
      await expect.poll(() => told.flat(), { timeout: 5000 }).toContain(Number(dead.id));
      expect(await findJob(handle.db, Number(dead.id))).toMatchObject({
        status: "failed",
        error: { code: "JOB_INTERRUPTED" },
      });
      expect((await findJob(handle.db, own.id))?.status).toBe("running");
      held.open();
      await next.stop();
      expect((await findJob(handle.db, own.id))?.status).toBe("succeeded");
    });

    it("beats the heartbeat of the jobs it holds", async () => {
      gates.set("slow", gate());
      const job = await runner.submit(ctx, "count", { name: "slow", to: 1 });
      const first = (
        await handle.db
          .selectFrom("jobs")
          .select("heartbeat_at")
          .where("id", "=", job.id)
          .executeTakeFirstOrThrow()
      ).heartbeat_at!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const later = (
        await handle.db
          .selectFrom("jobs")
          .select("heartbeat_at")
          .where("id", "=", job.id)
          .executeTakeFirstOrThrow()
      ).heartbeat_at!;
      expect(later.getTime()).toBeGreaterThan(first.getTime());
      const end = finished(job.id);
      gates.get("slow")!.open();
      await end;
    });

    it("shows a job to the one who started it and to analysts, and to nobody else", async () => {
      const mine: Actor = {
        ...LOCAL_OPERATOR,
        userId: 41,
        role: "sales",
        permissions: new Set(["read", "analyze"]),
      };
      const job = await runner.submit({ handle, actor: mine }, "refuse", {});
      await finished(job.id);
      const other: Actor = { ...LOCAL_OPERATOR, userId: 42, role: "sales", permissions: new Set(["read"]) };
      const self: Actor = { ...other, userId: 41 };
      expect((await getJob({ handle, actor: self }, { id: job.id })).id).toBe(job.id);
      expect((await getJob(ctx, { id: job.id })).id).toBe(job.id);
      await expect(getJob({ handle, actor: other }, { id: job.id })).rejects.toMatchObject({
        code: "APP_NOT_FOUND",
      });
      expect((await listJobs({ handle, actor: other }, {})).jobs).toEqual([]);
      expect((await listJobs({ handle, actor: self }, {})).jobs.map((j) => j.id)).toEqual([job.id]);
    });

    it("pages through jobs newest first", async () => {
      const all = (await listJobs(ctx, { limit: 200 })).jobs.map((job) => job.id);
      const first = await listJobs(ctx, { limit: 2 });
      const second = await listJobs(ctx, { limit: 2, cursor: first.nextCursor! });
      expect([...first.jobs, ...second.jobs].map((job) => job.id)).toEqual(all.slice(0, 4));
    });

    it("stops cleanly: the running job is asked to stop, queued ones are marked stopped", async () => {
      const stopping = new JobRunner(handle, {
        wait: jobKind({
          permission: "analyze",
          input: z.strictObject({}),
          run: (scope) =>
            new Promise((_resolve, reject) =>
              scope.signal.addEventListener("abort", () => reject(new Error("aborted"))),
            ),
        }),
      });
      await stopping.start();
      const running = await stopping.submit(ctx, "wait", {});
      const queued = await stopping.submit(ctx, "wait", {});
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stopping.stop();
      expect((await findJob(handle.db, running.id))?.error).toMatchObject({ code: "JOB_STOPPED" });
      expect((await findJob(handle.db, queued.id))?.error).toMatchObject({ code: "JOB_STOPPED" });
      await expect(stopping.submit(ctx, "wait", {})).rejects.toMatchObject({ code: "JOB_STOPPED" });
    });
  });
}
