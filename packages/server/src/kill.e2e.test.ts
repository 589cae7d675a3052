/**
 * SIGKILL of a real `custra serve` process in the middle of an import and of an analysis job, on
 * both engines: after a restart the database opens, the import is there whole or not at all, the
 * job reads failed (JOB_INTERRUPTED) and no half-written analysis run is left.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { addUser, createDemoCompany, LOCAL_OPERATOR } from "@custra/app";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation } from "@custra/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawnServe } from "./testing/serve-process.ts";
import { TEST_PASSWORD } from "./testing/sign-in.ts";

const ADMIN = "admin@example.com";
const DEMO_CUSTOMERS = 20_000;
const IMPORTED = 100_000;

/** The servers' temporary folder, where their uploads are stored while they are imported. */
const serverTmp = mkdtempSync(path.join(tmpdir(), "custra-kill-test-"));
afterAll(() => rmSync(serverTmp, { recursive: true, force: true }));
const uploadsLeft = () => readdirSync(serverTmp).filter((name) => name.startsWith("custra-upload-"));

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
}

/** `custra serve` on `location` as a real process on a free port, once it listens. */
function serve(location: string): Promise<Server> {
  return spawnServe(["--db", location], {
    CUSTRA_LOG_LEVEL: "warn",
    CUSTRA_PIPELINE_SCHEDULE: "off",
    // A killed job is found within six beats of its last one: seconds, not half a minute.
    CUSTRA_JOB_HEARTBEAT: "1",
    CUSTRA_UPLOAD_LIMIT: "64m",
    TMPDIR: serverTmp,
  });
}

async function kill(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, "exit");
  server.child.kill("SIGKILL");
  const [, signal] = await exited;
  expect(signal).toBe("SIGKILL");
}

async function stop(server: Server): Promise<void> {
  const exited = once(server.child, "exit");
  server.child.kill("SIGTERM");
  const [code] = await exited;
  expect(code).toBe(0);
}

/** A signed-in session's headers: its cookie and CSRF token. */
async function signIn(url: string): Promise<Record<string, string>> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken, "accept-language": "en" };
}

async function customerTotal(url: string, session: Record<string, string>): Promise<number> {
  const response = await fetch(`${url}/api/v1/customers?limit=1`, { headers: session });
  expect(response.status).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

function customersCsv(prefix: string, rows: number): Blob {
  const lines = ["客户编号,客户名称,行业,标签"];
  for (let i = 0; i < rows; i++)
    lines.push(`${prefix}${String(i).padStart(6, "0")},客户${prefix}${i},retail,新客`);
  return new Blob([`${lines.join("\n")}\n`], { type: "text/csv" });
}

function upload(url: string, session: Record<string, string>, name: string, file: Blob): Promise<Response> {
  const body = new FormData();
  body.append("file", file, name);
  return fetch(`${url}/api/v1/imports/customers`, { method: "POST", headers: session, body });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const engine of ENGINES) {
  describe(`SIGKILL of custra serve on ${engine}`, { timeout: 120_000 }, () => {
    let place: TestLocation;
    const running: Server[] = [];
    const start = async () => {
      const server = await serve(place.location);
      running.push(server);
      return server;
    };
    beforeAll(async () => {
      place = await createTestLocation(engine);
      const handle = await openDb(place.location, { createIfMissing: true });
      try {
        const ctx = { handle, actor: LOCAL_OPERATOR };
        await createDemoCompany(ctx, { customers: DEMO_CUSTOMERS, seed: 3, asOf: "2026-11-30" });
        await addUser(ctx, { email: ADMIN, name: "Admin", role: "admin", password: TEST_PASSWORD });
      } finally {
        await handle.close();
      }
    }, 180_000);
    afterEach(async () => {
      for (const server of running.splice(0)) await kill(server);
    });
    afterAll(async () => {
      await place?.drop();
    });

    it("leaves an import killed in the middle of its commit whole or absent, and the database opens", async () => {
      let server = await start();
      let session = await signIn(server.url);
      const before = await customerTotal(server.url, session);
      expect(before).toBe(DEMO_CUSTOMERS);

      // The same import once to the end, to learn when its merge runs.
      const started = performance.now();
      const first = await upload(server.url, session, "first.csv", customersCsv("KA", IMPORTED));
      const wall = performance.now() - started;
      expect(first.status).toBe(200);
      const result = (await first.json()) as {
        inserted: number;
        seconds: number;
        timings: { stage: number; check: number; merge: number };
      };
      expect(result.inserted).toBe(IMPORTED);
      // Upload and opening, then staging and checks, then a third into the merge. The machine's
      // load varies: an import that still answered before the kill is tried again, killed sooner.
      let killAt =
        wall - result.seconds * 1000 + result.timings.stage + result.timings.check + result.timings.merge / 3;
      const files: string[] = [];
      let killedMidImport = false;
      for (let attempt = 0; attempt < 3 && !killedMidImport; attempt++) {
        const prefix = `K${"BCD"[attempt]}`;
        files.push(prefix);
        const answer = upload(server.url, session, `${prefix}.csv`, customersCsv(prefix, IMPORTED)).then(
          (response) => response.status,
          () => "killed" as const,
        );
        await sleep(killAt);
        await kill(server);
        killedMidImport = (await answer) === "killed";
        // The killed process never removed its upload; the next start does.
        if (killedMidImport) expect(uploadsLeft()).toHaveLength(1);
        killAt *= 0.7;
        server = await start();
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        session = await signIn(server.url);
      }
      // The answer never came: the process died with the import under way.
      expect(killedMidImport).toBe(true);
      expect(uploadsLeft()).toEqual([]);

      // Whole or absent per file: no customer of a file without all the others.
      let whole = 1;
      for (const prefix of files) {
        const response = await fetch(`${server.url}/api/v1/customers?search=${prefix}&limit=1`, {
          headers: session,
        });
        const found = ((await response.json()) as { total: number }).total;
        expect([0, IMPORTED]).toContain(found);
        if (found === IMPORTED) whole++;
      }
      expect(await customerTotal(server.url, session)).toBe(before + whole * IMPORTED);
      await stop(server);
      running.length = 0;
    });

    it("marks an analysis killed while writing its run failed after restart, leaving no half-written run", async () => {
      let server = await start();
      let session = await signIn(server.url);
      const submitted = await fetch(`${server.url}/api/v1/jobs`, {
        method: "POST",
        headers: { ...session, "content-type": "application/json" },
        body: JSON.stringify({ kind: "analyze", input: { asOf: "2026-11-30" } }),
      });
      expect(submitted.status).toBe(202);
      const { id } = (await submitted.json()) as { id: number };

      // Killed the moment the job says it is writing the run's scores.
      const events = await fetch(`${server.url}/api/v1/jobs/${id}/events`, { headers: session });
      const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
      let seen = "";
      while (!/"stage":"write"/.test(seen)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the job ended before writing:\n${seen}`);
        seen += value;
      }
      await kill(server);
      expect(seen).not.toContain("event: finished");

      server = await start();
      session = await signIn(server.url);
      let job: { status: string; error: { code: string } | null } | undefined;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
        job = (await (
          await fetch(`${server.url}/api/v1/jobs/${id}`, { headers: session })
        ).json()) as typeof job;
        if (job!.status !== "running") break;
      }
      expect(job).toMatchObject({ status: "failed", error: { code: "JOB_INTERRUPTED" } });
      await stop(server);
      running.length = 0;

      const handle = await openDb(place.location);
      try {
        const count = async (table: "analysis_runs" | "customer_scores" | "run_writes") =>
          Number(
            (
              await handle.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as("n"))
                .executeTakeFirstOrThrow()
            ).n,
          );
        expect(await count("analysis_runs")).toBe(0);
        expect(await count("customer_scores")).toBe(0);
        expect(await count("run_writes")).toBe(0);
      } finally {
        await handle.close();
      }
    });
  });
}
