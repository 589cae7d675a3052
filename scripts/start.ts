/**
 * `npm start`: custra's demo, served. On the embedded database (./data/custra.duckdb, or --db /
 * DATABASE_URL): fill it with the demo company if it is empty and open its users' sign-in, run
 * the daily pipeline once if nothing was analysed yet (analyze, grade with every scheme, today's
 * tasks: what the server's schedule then does every day), build the web workbench if its build is
 * missing or stale, and serve both at http://localhost:3000 (or CUSTRA_PORT) until Ctrl+C.
 */
import {
  createDemoCompany,
  DEMO_PASSWORD,
  LOCAL_OPERATOR,
  openDemoSignIn,
  runDailyPipeline,
} from "@custra/app";
import { parseLocale, t } from "@custra/core/i18n";
import { openDb, tableCounts } from "@custra/db";
import { closeOnSignals, loadServerConfig, startServer } from "@custra/server";
import "../packages/cli/src/commands/serve.messages.ts";
import { ensureWebBuilt } from "./web-build.ts";

const locale = parseLocale(process.env.CUSTRA_LANG ?? process.env.LC_ALL ?? process.env.LANG);
const say = (line: string) => process.stderr.write(`${line}\n`);

const config = loadServerConfig({ host: process.env.CUSTRA_HOST ?? "localhost" });
const handle = await openDb(config.database);
const operator = { handle, actor: LOCAL_OPERATOR };
try {
  if (((await tableCounts(handle)).customers ?? 0) === 0) {
    say(t("cli.start.demo", { customers: 2000 }, locale));
    await createDemoCompany(operator, { customers: 2000, seed: 7 });
  }
  const signIn = await openDemoSignIn(operator);
  const analysed = await handle.db.selectFrom("analysis_runs").select("id").limit(1).executeTakeFirst();
  if (!analysed) {
    say(t("cli.start.pipeline", {}, locale));
    await runDailyPipeline(operator, {}, { onStep: (step) => say(`· ${step}`) });
  }
  await handle.close();
  await ensureWebBuilt(() => say(t("cli.start.web", {}, locale)));
  const server = await startServer(config);
  closeOnSignals(server);
  say(t("cli.serve.listening", { url: server.url, database: config.database.display }, locale));
  for (const { role, email } of signIn.examples)
    say(t("cli.start.signIn", { role, email, password: DEMO_PASSWORD }, locale));
} catch (error) {
  await handle.close().catch(() => {});
  throw error;
}
