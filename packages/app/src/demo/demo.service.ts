/**
 * The demo company: generated customers with their whole history, loaded into an empty database
 * (the `import` permission). The database must be empty: a demo loaded into real data would mix
 * invented customers with real ones.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EntityName } from "@custra/core";
import { tableCounts } from "@custra/db";
import {
  DemoOptionsError,
  type ImportProgress,
  importDirectory,
  todayIso,
  writeDemoCsv,
} from "@custra/engine";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { type CreateDemoInput, createDemoSchema } from "./demo.schemas.ts";

export interface DemoHooks {
  /** Customers generated so far, of `total`. */
  readonly onGenerate?: (done: number, total: number) => void;
  /** A generated file starts loading. */
  readonly onFile?: (entity: EntityName, file: string) => void;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface DemoResult {
  customers: number;
  seed: number;
  asOf: string;
  /** The database written (passwords masked). */
  target: string;
  /** Rows loaded per entity. */
  rows: Partial<Record<EntityName, number>>;
}

export async function createDemoCompany(
  ctx: AppContext,
  input: CreateDemoInput | unknown = {},
  hooks: DemoHooks = {},
): Promise<DemoResult> {
  requirePermission(ctx.actor, "import");
  const { customers, seed, asOf: given } = parseInput(createDemoSchema, input ?? {});
  const asOf = given ?? todayIso();
  const { handle } = ctx;
  // As the only writer from the emptiness check to the last file: two demos at once would both
  // find the database empty and load into each other.
  const rows = await handle.withWriteLock("demo", async () => {
    const existing = (await tableCounts(handle)).customers ?? 0;
    if (existing > 0) throw new DemoOptionsError("DEMO_NOT_EMPTY", { db: handle.display, count: existing });
    const dir = await mkdtemp(join(tmpdir(), "custra-demo-"));
    try {
      await writeDemoCsv({
        customers,
        seed,
        asOf,
        outDir: dir,
        ...(hooks.onGenerate ? { onProgress: (done: number) => hooks.onGenerate?.(done, customers) } : {}),
      });
      // The files are our own, just written: the engine's CSV reader loads them without re-validation.
      const results = await importDirectory(handle, dir, {
        canonical: true,
        ...(hooks.onFile ? { onFile: hooks.onFile } : {}),
        ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      });
      return Object.fromEntries(
        results.map((result) => [result.entity, result.inserted]),
      ) as DemoResult["rows"];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return { customers, seed, asOf, target: handle.display, rows };
}
