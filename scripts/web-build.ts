/**
 * Builds the web workbench (packages/web → packages/web/dist) when dist is missing or older than
 * its sources: `npm start` and the browser tests call it, so neither serves a stale app. Vite's JS
 * API in this process: a build takes a few seconds. Run alone: `node --import tsx scripts/web-build.ts`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const WEB_DIR = path.join(import.meta.dirname, "..", "packages", "web");
export const WEB_DIST = path.join(WEB_DIR, "dist");

/** What goes into the build: the sources (not the tests), the page, the config and the dependencies. */
function newestSource(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file)) visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) newest = Math.max(newest, stat.mtimeMs);
  };
  visit(path.join(WEB_DIR, "src"));
  for (const file of ["index.html", "vite.config.ts", "package.json"]) visit(path.join(WEB_DIR, file));
  return newest;
}

export function webBuildIsStale(): boolean {
  const index = path.join(WEB_DIST, "index.html");
  return !existsSync(index) || statSync(index).mtimeMs < newestSource();
}

/** Builds the web app if it is stale; true when it did. */
export async function ensureWebBuilt(onBuild: () => void = () => {}): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  onBuild();
  const { build } = await import("vite");
  // Vite keeps a NODE_ENV it finds set, and vitest sets it to "test": a build made from the tests
  // then bundled React's development build (an Error with its stack for every element created),
  // which made every page several times slower than the one users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: path.join(WEB_DIR, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await ensureWebBuilt();
