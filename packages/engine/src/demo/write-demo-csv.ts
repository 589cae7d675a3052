import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type EntityName, LOAD_ORDER } from "@custra/core";
import { parseIsoDay } from "./calendar.ts";
import { WRITTEN_COLUMNS } from "./columns.ts";
import { CsvSink, checkColumns } from "./csv.ts";
import { CustomerSimulator, IdCounters } from "./customer.ts";
import { DemoOptionsError } from "./errors.ts";
import { buildWorld } from "./world.ts";

export interface DemoOptions {
  /** How many customers the demo company has; each comes with its whole history. */
  readonly customers: number;
  /** Same seed, same options: byte-identical files. */
  readonly seed: number;
  /** The day the data ends, YYYY-MM-DD; nothing in the files lies after it. */
  readonly asOf: string;
  /** Directory for `<entity>.csv`; created when missing, files in it are overwritten. */
  readonly outDir: string;
  /** Called every few thousand customers and once at the end with the number done. */
  readonly onProgress?: (customersDone: number) => void;
}

/** Codes have fixed width C0000001…; beyond ten million the files are too large to be a demo. */
export const MAX_DEMO_CUSTOMERS = 10_000_000;

const PROGRESS_EVERY = 2_000;

/**
 * Writes a deterministic demo company as one UTF-8 CSV per entity, readable by the importer
 * without a mapping, and returns the number of data rows written per entity.
 *
 * Customers are simulated one at a time with their whole history and their rows streamed out,
 * so memory stays flat however many customers are asked for.
 */
export async function writeDemoCsv(options: DemoOptions): Promise<Record<EntityName, number>> {
  const { customers, seed, asOf, outDir, onProgress } = options;
  if (!Number.isInteger(customers) || customers < 1 || customers > MAX_DEMO_CUSTOMERS) {
    throw new DemoOptionsError("DEMO_INVALID_CUSTOMERS", {
      value: String(customers),
      max: MAX_DEMO_CUSTOMERS,
    });
  }
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new DemoOptionsError("DEMO_INVALID_SEED", { value: String(seed) });
  const asOfDay = parseIsoDay(asOf);
  if (asOfDay === undefined) throw new DemoOptionsError("DEMO_INVALID_AS_OF", { value: asOf });
  if (!outDir) throw new DemoOptionsError("DEMO_NO_OUT_DIR");
  for (const entity of LOAD_ORDER) checkColumns(entity, WRITTEN_COLUMNS[entity]);

  const world = buildWorld(customers, seed, asOfDay);
  await mkdir(outDir, { recursive: true });
  const sinks = Object.fromEntries(
    LOAD_ORDER.map((entity) => [entity, new CsvSink(join(outDir, `${entity}.csv`), entity)]),
  ) as Record<EntityName, CsvSink>;
  const all = Object.values(sinks);
  try {
    for (const line of world.sales.lines) sinks.users.add(line);
    for (const line of world.catalog.lines) sinks.products.add(line);
    const simulator = new CustomerSimulator(world, sinks, new IdCounters());
    for (let n = 1; n <= customers; n++) {
      simulator.simulate(n);
      // Checking every customer is cheap; waiting only happens when a stream is actually full.
      for (const sink of all) if (sink.mustWait) await sink.drained();
      if (n % PROGRESS_EVERY === 0) onProgress?.(n);
    }
    for (const sink of all) await sink.close();
  } catch (error) {
    for (const sink of all) sink.destroy();
    throw error;
  }
  if (customers % PROGRESS_EVERY !== 0) onProgress?.(customers);
  return Object.fromEntries(LOAD_ORDER.map((entity) => [entity, sinks[entity].rows])) as Record<
    EntityName,
    number
  >;
}
