import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const BIN = path.join(import.meta.dirname, "..", "..", "..", "cli", "bin", "custra.js");

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** What the process wrote so far. */
  stdout(): string;
  stderr(): string;
}

/**
 * `custra serve` as a real process on a free port (`args` after `serve --port 0`, `env` over
 * the test's own, with no DATABASE_URL); resolves once it listens, fails if it exits or has not
 * started within 60 s.
 */
export async function spawnServe(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, "--lang", "en", "serve", "--port", "0", ...args], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += String(chunk);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on("data", (chunk) => {
      stderr += String(chunk);
      const found = /serving at (http:\/\/\S+)/.exec(stderr);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code}:\n${stderr}`)));
  });
  return { child, url, stdout: () => stdout, stderr: () => stderr };
}
