#!/usr/bin/env -S node --max-semi-space-size=64
// A larger young generation cuts garbage-collection time of big imports by about a quarter
// (BENCHMARKS.md); `env -S` passes the flag on from the shebang.
// Runs the TypeScript sources directly (through tsx), so `npx custra` works right after `npm ci`
// with no build step.
import { register } from "tsx/esm/api";

register();
// A reader that stops early (`custra tasks list | head`) closes the pipe: stop quietly, as
// command-line tools do, instead of failing with EPIPE.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv);
