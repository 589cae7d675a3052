import { DEMO_PASSWORD, LOCAL_OPERATOR, openDemoSignIn } from "@custra/app";
import { openDb, resolveLocation } from "@custra/db";
import { spawnServe } from "../packages/server/src/testing/serve-process.ts";
import { launchChromium } from "../packages/web/src/testing/chromium.ts";
import { ensureWebBuilt, WEB_DIST } from "../scripts/web-build.ts";

const location = resolveLocation(process.argv[2] ?? "/tmp/small-web.duckdb");
const ROWS = ".ant-table-tbody tr[data-row-key]";
const handle = await openDb(location);
const { examples } = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
await handle.close();
const email = examples.find((e) => e.role === "manager")!.email;
await ensureWebBuilt();
const server = await spawnServe(["--db", location.location], {
  CUSTRA_LOG_LEVEL: "warn",
  CUSTRA_PIPELINE_SCHEDULE: "off",
  CUSTRA_WEB_ROOT: WEB_DIST,
});
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const api: string[] = [];
  page.on("requestfinished", (request) => {
    if (request.url().includes("/api/v1/")) {
      const t = request.timing();
      api.push(`${new URL(request.url()).pathname.slice(8)} ${Math.round(t.responseEnd)}`);
    }
  });
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(DEMO_PASSWORD);
  await page.getByTestId("sign-in").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const passes: Record<string, unknown>[] = [];
  for (const pass of ["cold", "warm"]) {
    await page.goto(`${server.url}/customers?sort=revenue&order=desc`);
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    api.length = 0;
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const first = await page.locator(ROWS).first().getAttribute("data-row-key");
      const started = performance.now();
      await page.getByTestId("next-page").click();
      await page.locator(`${ROWS}:not([data-row-key="${first}"])`).first().waitFor({ timeout: 60_000 });
      await page.locator(`${ROWS}[data-row-key="${first}"]`).waitFor({ state: "detached", timeout: 60_000 });
      times.push(Math.round(performance.now() - started));
    }
    passes.push({ pass, times, api: [...api] });
  }
  console.log(JSON.stringify(passes));
} finally {
  await browser.close();
  server.child.kill("SIGTERM");
}
