import { existsSync } from "node:fs";
import { join } from "node:path";
import { type EntityName, LOAD_ORDER } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { type ImportOptions, type ImportResult, importFile, rowsRejected } from "./pipeline.ts";

/**
 * Imports every `<entity>.csv` of a directory, in load order so each file's references are in
 * the database before it (the layout `custra demo --out` writes). Stops at the first file that
 * is not written whole; files before it stay written, each being all-or-nothing on its own.
 */
export async function importDirectory(
  handle: DbHandle,
  dir: string,
  options: Pick<ImportOptions, "onProgress" | "canonical"> & {
    onFile?: (entity: EntityName, file: string) => void;
  } = {},
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const entity of LOAD_ORDER) {
    const file = join(dir, `${entity}.csv`);
    if (!existsSync(file)) continue;
    options.onFile?.(entity, file);
    const result = await importFile(handle, {
      entity,
      file,
      canonical: options.canonical,
      onProgress: options.onProgress,
    });
    results.push(result);
    if (!result.written) throw rowsRejected(result);
  }
  return results;
}
