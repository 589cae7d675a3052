/**
 * The CDNOW logs as test fixtures, read from ../shared/data/cdnow (never copied into the repo).
 * Tests import them the way a user would: as a plain transaction log.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CDNOW_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../../../shared/data/cdnow");

/** 2,357 customers (a 1/10 sample): customer id, sample id, date, CDs, dollar value. */
export const CDNOW_SAMPLE = join(CDNOW_DIR, "CDNOW_sample.txt");
/** All 23,570 customers: customer id, date, CDs, dollar value, after one header line. */
export const CDNOW_MASTER = join(CDNOW_DIR, "CDNOW_master.txt");

/** Writes `file` as a CSV transaction log (customer_code, order_date, amount) and returns its path. */
export async function writeCdnowCsv(
  log: typeof CDNOW_SAMPLE | typeof CDNOW_MASTER,
  file: string,
): Promise<string> {
  const sample = log === CDNOW_SAMPLE;
  const lines = ["customer_code,order_date,amount"];
  for (const line of (await readFile(log, "utf8")).split("\n")) {
    const fields = line.trim().split(/\s+/);
    const [code, date, value] = sample
      ? [fields[0], fields[2], fields[4]]
      : [fields[0], fields[1], fields[3]];
    if (code && date && value && /^\d{8}$/.test(date)) lines.push(`${code},${date},${value}`);
  }
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}
