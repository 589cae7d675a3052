/**
 * Running the command line from tests: the whole program (main) in this process, so that option
 * parsing, exit codes and error reporting are the real ones, or the `custra` binary itself for the
 * exit code of a real process.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, vi } from "vitest";
import { main } from "../main.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bin", "custra.js");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What `action` printed to stdout and stderr (kept from the terminal), and what it returned. A
 * throw is passed on, after the output is restored.
 */
export async function captureOutput<T>(
  action: () => Promise<T>,
): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { result: await action(), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** `custra <args>` through main(), in this process (in English unless told), with what it printed and its exit code. */
export async function custra(args: readonly string[], lang = "en"): Promise<Run> {
  try {
    const {
      result: code,
      stdout,
      stderr,
    } = await captureOutput(() => main(["node", "custra", "--lang", lang, ...args]));
    return { code, stdout, stderr };
  } finally {
    process.exitCode = undefined;
  }
}

/** The JSON document a successful `--json` run printed. */
export async function json(args: readonly string[]) {
  const run = await custra([...args, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/** The real `custra` process, in English, on the database its arguments name. */
export function binary(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, CUSTRA_LANG: "en", DATABASE_URL: "" } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
