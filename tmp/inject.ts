import { DEMO_PASSWORD, LOCAL_OPERATOR, openDemoSignIn, signIn } from "@custra/app";
import { openDb, resolveLocation } from "@custra/db";
import { buildServer } from "../packages/server/src/server.ts";
import { loadServerConfig } from "../packages/server/src/config.ts";
const handle = await openDb(resolveLocation("/tmp/custra-bench-api.duckdb"));
const { examples } = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
const email = examples.find((e) => e.role === "sales")!.email;
const { sessionId } = await signIn({ handle }, { email, password: DEMO_PASSWORD });
const config = loadServerConfig({ db: "/tmp/custra-bench-api.duckdb" } as never, { CUSTRA_PIPELINE_SCHEDULE: "off", CUSTRA_LOG_LEVEL: "warn" });
const app = await buildServer({ config, handle, log: false });
await app.ready();
const headers = { cookie: `custra_session=${sessionId}` };
const time = async (label: string, url: string, n = 200) => {
  await app.inject({ url, headers });
  const t = performance.now();
  for (let i = 0; i < n; i++) { const r = await app.inject({ url, headers }); if (r.statusCode !== 200) throw new Error(r.body); }
  console.log(label.padEnd(12), ((performance.now() - t) / n).toFixed(2), "ms/request");
};
await time("healthz", "/healthz");
await time("session", "/api/v1/auth/session");
await time("list", "/api/v1/customers?valueTier=high&sort=revenue&order=desc&limit=50");
const code = (await app.inject({ url: "/api/v1/customers?limit=1", headers })).json().items[0].code;
await time("360", `/api/v1/customers/${code}`, 50);
await app.close(); await handle.close();
