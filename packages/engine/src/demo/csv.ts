import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { ENTITIES, type EntityName } from "@custra/core";

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180): quoted only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const CENTS = Array.from({ length: 100 }, (_, i) => (i < 10 ? `.0${i}` : `.${i}`));

/** Money kept as integer cents (floats drift), written with two decimals: 123450 → '1234.50'. */
export function money(cents: number): string {
  if (cents < 0) return `-${money(-cents)}`;
  const whole = Math.floor(cents / 100);
  return whole + CENTS[cents - whole * 100]!;
}

/** A zero-padded code such as C0000042; widths are fixed per run so codes sort as text. */
export function code(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, "0");
}

/**
 * Checks, once at start-up, that the column order a row builder writes is the entity's field
 * order in the registry. The builders write fields positionally for speed, so a field added to
 * ENTITIES must fail loudly here rather than shift every later column.
 */
export function checkColumns(entity: EntityName, columns: readonly string[]): void {
  const expected = ENTITIES[entity].fields.map((field) => field.name);
  if (expected.join(",") !== columns.join(",")) {
    throw new Error(
      `demo writer for ${entity} writes [${columns.join(",")}] but the registry says [${expected.join(",")}]`,
    );
  }
}

/** Characters gathered before a chunk goes to the stream: large enough that writes are few. */
const CHUNK_CHARS = 1 << 17;

/**
 * Rows of one entity on their way to `<entity>.csv`: lines gather in a string and go to the
 * file stream in large chunks, and the producer is told to wait when the stream is full.
 */
export class CsvSink {
  private chunk = "";
  private waiting = false;
  private failure: Error | undefined;
  rows = 0;
  private readonly stream: WriteStream;

  constructor(
    path: string,
    readonly entity: EntityName,
  ) {
    this.stream = createWriteStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
    this.stream.on("error", (error) => {
      this.failure = error;
    });
    this.chunk = `${ENTITIES[entity].fields.map((field) => field.name).join(",")}\n`;
  }

  /** Adds one line (with its trailing newline). */
  add(line: string): void {
    this.chunk += line;
    this.rows++;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    if (!this.stream.write(this.chunk)) this.waiting = true;
    this.chunk = "";
  }

  /** Resolves once the stream has room again; immediate when it never filled up. */
  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.waiting) return;
    this.waiting = false;
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
  }

  get mustWait(): boolean {
    return this.waiting || this.failure !== undefined;
  }

  async close(): Promise<void> {
    this.flush();
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, "close");
    if (this.failure) throw this.failure;
  }

  /** Stops writing after a failure elsewhere; the partial file is left for the caller to remove. */
  destroy(): void {
    this.stream.destroy();
  }
}
