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

/** Bytes gathered before a chunk goes to the stream: large enough that writes are few. */
const CHUNK_BYTES = 1 << 18;

/**
 * Rows of one entity on their way to `<entity>.csv`. Lines are encoded straight into a chunk
 * buffer, which goes to the file stream when full, and the producer is told to wait when the
 * stream is full. Encoding line by line avoids building a rope of strings per chunk, which
 * the garbage collector then has to flatten and trace; that was a third of the run time.
 */
export class CsvSink {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private waiting = false;
  private failure: Error | undefined;
  rows = 0;
  private readonly stream: WriteStream;

  constructor(
    path: string,
    readonly entity: EntityName,
  ) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on("error", (error) => {
      this.failure = error;
    });
    this.put(`${ENTITIES[entity].fields.map((field) => field.name).join(",")}\n`);
  }

  /** Adds one line (with its trailing newline). */
  add(line: string): void {
    this.put(line);
    this.rows++;
  }

  private put(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; a line longer than a chunk gets its own buffer.
    if (this.used + line.length * 3 > this.chunk.length) {
      this.flush();
      if (line.length * 3 > this.chunk.length) this.chunk = Buffer.allocUnsafe(line.length * 3);
    }
    this.used += this.chunk.write(line, this.used);
  }

  private flush(): void {
    if (this.used === 0) return;
    if (!this.stream.write(this.chunk.subarray(0, this.used))) this.waiting = true;
    // The stream keeps the written chunk until the file has it, so the next lines need a new one.
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
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
