/**
 * A command loads only what it uses: `custra --help` lists every command without loading any
 * command's module, and the listing reads exactly as it does with every command loaded.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCliLocale } from "./locale.ts";
import { buildProgram, requestedCommand } from "./main.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, "..", "bin", "custra.js");
const RECORDER = join(HERE, "testing", "record-modules.mjs");

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "custra-startup-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The modules a real `custra …` process loads, as URLs. */
async function modulesLoadedBy(args: readonly string[]): Promise<string[]> {
  const record = join(scratch, `modules-${Math.random().toString(36).slice(2)}.txt`);
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", RECORDER, BIN, ...args],
      { env: { ...process.env, CUSTRA_RECORD_MODULES: record, CUSTRA_LANG: "en", DATABASE_URL: "" } },
      (error, _stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
    );
  });
  return (await readFile(record, "utf8")).split("\n").filter(Boolean);
}

const ofPackage = (modules: readonly string[], name: string) =>
  modules.filter((url) => url.includes(`/node_modules/${name}/`) || url.startsWith(`node:${name}`));

describe("start-up", () => {
  it("lists every command for --help without loading one", async () => {
    const modules = await modulesLoadedBy(["--help"]);
    expect(
      modules.filter((url) => url.includes("/cli/src/commands/") && !url.endsWith(".messages.ts")),
    ).toEqual([]);
    for (const heavy of ["kysely", "@duckdb/node-api", "pg", "exceljs", "zod", "yaml"]) {
      expect(ofPackage(modules, heavy), heavy).toEqual([]);
    }
    expect(modules.filter((url) => /\/packages\/(engine|db)\//.test(url))).toEqual([]);
  });

  it("opens a DuckDB database for db info without loading pg, exceljs or the engine", async () => {
    // The first open of a new database stores the ready-made schemes and playbooks (zod fills
    // their defaults); every later open sees their release is there and loads none of it.
    const file = join(scratch, "info.duckdb");
    const first = await modulesLoadedBy(["db", "info", "--db", file]);
    expect(ofPackage(first, "zod").length).toBeGreaterThan(0);
    const modules = await modulesLoadedBy(["db", "info", "--db", file]);
    expect(ofPackage(modules, "@duckdb/node-api").length).toBeGreaterThan(0);
    for (const unused of ["pg", "pg-copy-streams", "exceljs", "zod", "yaml"]) {
      expect(ofPackage(modules, unused), unused).toEqual([]);
    }
    expect(modules.filter((url) => url.includes("/packages/engine/"))).toEqual([]);
  });

  it("loads exceljs only to read or write a workbook", async () => {
    const modules = await modulesLoadedBy(["grade", "--help"]);
    expect(modules.some((url) => url.includes("/packages/engine/src/import/read/xlsx.ts"))).toBe(true);
    expect(ofPackage(modules, "exceljs")).toEqual([]);
  });

  for (const locale of ["zh-CN", "en"] as const) {
    it(`lists the commands not loaded as they read loaded (${locale})`, async () => {
      useCliLocale(locale);
      const listed = (await buildProgram()).helpInformation();
      const loaded = (await buildProgram("*")).helpInformation();
      expect(listed).toBe(loaded);
      expect(loaded).toContain("import [options] <entity> <file>");
    });
  }

  it("finds the command among global options and help", () => {
    const run = (...words: string[]) => requestedCommand(["node", "custra", ...words]);
    expect(run()).toBeUndefined();
    expect(run("--help")).toBeUndefined();
    expect(run("help")).toBeUndefined();
    expect(run("help", "grade")).toBe("grade");
    expect(run("--db", "x.duckdb", "db", "info")).toBe("db");
    expect(run("--lang", "en", "--db=x.duckdb", "tasks", "list")).toBe("tasks");
    expect(run("import", "orders", "help")).toBe("import");
  });
});
