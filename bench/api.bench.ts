/**
 * `npm run bench:api`: the HTTP API under load (autocannon), on the demo company that
 * `npm run bench:analyze` builds (1M customers, DuckDB), or on any database given. Targets
 * (issue 10, 2-core reference machine): as a sales user and as a manager, the customer list with a
 * filter and the 360 view each hold ≥ 300 requests/s with p99 ≤ 100 ms; while the daily pipeline
 * runs as a job, the same list keeps p99 ≤ 300 ms; 50 concurrent sessions keep the server's memory
 * (peak RSS during that load) < 1 GB.
 *
 * The server runs as its own process (`custra serve`), so its memory is its own. Writes
 * bench/results/api-<engine>.json.
 *   npm run bench:api -- [--db FILE|URL] [--customers N] [--duration S] [--connections C]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  actorFor,
  createApiToken,
  createDemoCompany,
  DEMO_PASSWORD,
  LOCAL_OPERATOR,
  openDemoSignIn,
  runDailyPipeline,
  signIn,
} from "@custra/app";
import { openDb, resolveLocation, tableCounts } from "@custra/db";
import autocannon from "autocannon";
import { writeResults } from "./results-file.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: join(tmpdir(), "custra-bench-analyze.duckdb") },
    customers: { type: "string", default: "1000000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const location = resolveLocation(values.db);
const say = (line: string) => process.stderr.write(`${line}\n`);

// 1. The company: the demo if the database is empty, analysed and graded, its users able to sign
// in; then the sessions the load uses (made here, not through the login route, whose rate limit
// is per address) and an API token for the admin who starts the pipeline job.
const handle = await openDb(location);
const sessions: Record<string, Session[]> = {};
let adminToken: string;
try {
  if (((await tableCounts(handle)).customers ?? 0) === 0) {
    say(`creating the demo company (${values.customers} customers) in ${location.display}…`);
    await createDemoCompany(
      { handle, actor: LOCAL_OPERATOR },
      { customers: Number(values.customers), seed: 7 },
    );
  }
  if (!(await handle.db.selectFrom("grade_runs").select("id").limit(1).executeTakeFirst())) {
    say("running the daily pipeline once…");
    await runDailyPipeline({ handle, actor: LOCAL_OPERATOR }, {});
  }
  const { examples } = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
  const emailOf = (role: string) => {
    const email = examples.find((example) => example.role === role)?.email;
    if (!email) throw new Error(`the demo has no ${role} user`);
    return email;
  };
  for (const [role, count] of [
    ["sales", 50],
    ["manager", 1],
  ] as const) {
    sessions[role] = [];
    for (let i = 0; i < count; i++) {
      const { sessionId } = await signIn({ handle }, { email: emailOf(role), password: DEMO_PASSWORD });
      sessions[role].push({ headers: { cookie: `custra_session=${sessionId}` } });
    }
  }
  const admin = await signIn({ handle }, { email: emailOf("admin"), password: DEMO_PASSWORD });
  adminToken = (
    await createApiToken({ handle, actor: await actorFor(handle, admin.userId) }, { name: "bench:api" })
  ).token;
} finally {
  await handle.close();
}

// 2. The server, as `custra serve` runs it.
const server = await serve(location.location);
try {
  const results: Record<string, unknown> = {
    engine: location.engine,
    database: location.display,
    duration,
    connections,
  };

  // 3. Ready: one list and one 360 view (which waits for the recommendation model the server
  // builds at start); what the server holds then, and its peak so far (the model's build).
  const LIST = "/api/v1/customers?valueTier=high&sort=revenue&order=desc&limit=50";
  const firstPage = (await getJson(server.url, LIST, sessions.sales![0]!)) as { items: { code: string }[] };
  await getJson(
    server.url,
    `/api/v1/customers/${encodeURIComponent(firstPage.items[0]!.code)}`,
    sessions.sales![0]!,
  );
  results.serverMemoryReady = memoryOf(server.child.pid!);

  // 4. List and 360 view per role; each load's memory is the server's at its end and its peak
  // during it.
  for (const role of ["sales", "manager"] as const) {
    const session = sessions[role]![0]!;
    const first = await getJson(server.url, LIST, session);
    const code = (first as { items: { code: string }[] }).items[0]?.code;
    if (!code) throw new Error(`${role} sees no customer in ${LIST}`);
    results[`${role}.list`] = await load(server.url + LIST, session);
    // The same page asked differently each time (a registration date before every customer's), so
    // that no request finds it kept: what a list costs the first time it is asked.
    let day = 0;
    results[`${role}.listUncached`] = await load(server.url + LIST, session, {
      path: () =>
        `${LIST}&registeredFrom=${new Date(Date.UTC(1900, 0, 1 + day++)).toISOString().slice(0, 10)}`,
    });
    results[`${role}.customer360`] = await load(
      `${server.url}/api/v1/customers/${encodeURIComponent(code)}`,
      session,
    );
  }

  // 5. Fifty sessions at once, before any job has run in the server.
  const fifty = sessions.sales!;
  results["fiftySessions.list"] = await load(server.url + LIST, fifty[0]!, {
    connections: 50,
    sessions: fifty,
  });

  // 6. The list while the daily pipeline runs as a job, and the memory the job took.
  const admin: Session = { headers: { authorization: `Bearer ${adminToken}` } };
  resetPeakMemory(server.child.pid!);
  const started = await fetch(`${server.url}/api/v1/jobs`, {
    method: "POST",
    headers: { ...admin.headers, "content-type": "application/json" },
    body: JSON.stringify({ kind: "pipeline", input: {} }),
  });
  if (started.status !== 202)
    throw new Error(`starting the pipeline job: ${started.status} ${await started.text()}`);
  const job = (await started.json()) as { id: number };
  results["sales.listDuringPipeline"] = await load(server.url + LIST, sessions.sales![0]!);
  const jobStarted = performance.now();
  const finished = await waitForJob(server.url, job.id, admin);
  results.pipelineJob = {
    status: finished.status,
    secondsAfterLoad: Math.round((performance.now() - jobStarted) / 1000),
  };
  results.serverMemoryAfterPipeline = memoryOf(server.child.pid!);

  console.log(JSON.stringify(results, null, 2));
  await writeResults(`api-${location.engine}`, results);
} finally {
  server.child.kill("SIGTERM");
}

/** What a request sends to be signed in: a session cookie, or an API token. */
interface Session {
  readonly headers: Readonly<Record<string, string>>;
}

async function getJson(url: string, path: string, session: Session): Promise<unknown> {
  const response = await fetch(url + path, { headers: session.headers });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Requests/s and latency percentiles (ms) of `url` under load; `sessions` spreads requests over many sign-ins. */
async function load(
  url: string,
  session: Session,
  options: { connections?: number; sessions?: readonly Session[]; path?: () => string } = {},
): Promise<Record<string, number>> {
  let next = 0;
  const { path } = options;
  resetPeakMemory(server.child.pid!);
  const result = await autocannon({
    url,
    connections: options.connections ?? connections,
    duration,
    headers: session.headers,
    ...(options.sessions || path
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                const chosen = options.sessions?.[next++ % options.sessions.length];
                return {
                  ...request,
                  ...(path ? { path: path() } : {}),
                  headers: { ...request.headers, ...chosen?.headers },
                };
              },
            },
          ],
        }
      : {}),
  });
  const summary = {
    requestsPerSecond: Math.round(result.requests.average),
    // The server's memory at the end of this load and its peak during it.
    ...memoryOf(server.child.pid!),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  };
  say(`${url}: ${JSON.stringify(summary)}`);
  return summary;
}

async function waitForJob(url: string, id: number, session: Session): Promise<{ status: string }> {
  for (;;) {
    const response = await fetch(`${url}/api/v1/jobs/${id}`, { headers: session.headers });
    // 503: the server is busy (on PostgreSQL, every connection held by the job and the load).
    if (response.status !== 503) {
      if (response.status !== 200) throw new Error(`job ${id}: ${response.status} ${await response.text()}`);
      const job = (await response.json()) as { status: string };
      if (job.status === "succeeded" || job.status === "failed") return job;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Starts the process's peak resident memory (VmHWM) afresh from its current size (Linux ≥ 4.0). */
function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
}

/** The server process's current and peak resident memory, in MB (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}

async function serve(db: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(import.meta.dirname, "..", "packages", "cli", "bin", "custra.js");
  const child = spawn(
    process.execPath,
    ["--max-semi-space-size=64", bin, "--lang", "en", "serve", "--port", "0", "--db", db],
    {
      env: { ...process.env, CUSTRA_LOG_LEVEL: "warn", CUSTRA_PIPELINE_SCHEDULE: "off" },
      stdio: ["ignore", "inherit", "pipe"],
    },
  );
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (chunk) => {
      stderr += String(chunk);
      const found = /serving at (http:\/\/\S+)/.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once("exit", (code) => reject(new Error(`custra serve exited with ${code}:\n${stderr}`)));
  });
  return { child, url };
}
