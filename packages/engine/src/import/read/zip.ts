/**
 * The parts of a zip file (an XLSX workbook), read through its central directory.
 *
 * The directory sits at the end of the file, so a file cut short has none: that is known before
 * anything is decompressed, where a streaming unzip reads on until the data stops and then waits
 * for more (exceljs's reader left a promise unsettled: the process exited mid-import on DuckDB and
 * hung on PostgreSQL). The directory also declares every part's size, checked against the limit
 * before reading, and each part is decompressed as a stream whose output is counted, so a part
 * that expands beyond what it declares or beyond the limit (a zip bomb) stops at once.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { crc32, createInflateRaw } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  file: string;
  entries: ReadonlyMap<string, ZipEntry>;
  /** Where the central directory starts: no part's data reaches beyond it. */
  directoryOffset: number;
}

/** Why a file cannot be read as a zip; the reader turns it into the user's message. */
export type ZipProblemKind =
  /** An OLE2 compound file: an old .xls workbook, or an encrypted (password-protected) .xlsx. */
  | "ole2"
  | "not-zip"
  /** The end of the file (the central directory) is missing. */
  | "truncated"
  /** A part's data does not decompress to what the directory says. */
  | "corrupt"
  | "encrypted"
  | "unsupported"
  /** The parts would decompress to more than the allowed bytes. */
  | "too-large";

export class ZipProblem extends Error {
  override readonly name = "ZipProblem";
  constructor(
    readonly kind: ZipProblemKind,
    /** The part concerned, when there is one. */
    readonly part?: string,
    options?: ErrorOptions,
  ) {
    super(part ? `${kind}: ${part}` : kind, options);
  }
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads the central directory of `file` (of `size` bytes); throws a ZipProblem. */
export async function openZip(file: string, size: number): Promise<ZipArchive> {
  const handle = await open(file, "r");
  try {
    const head = await readAt(handle, 0, 8);
    if (head.equals(OLE2_SIGNATURE)) throw new ZipProblem("ole2");
    if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_HEADER) throw new ZipProblem("not-zip");

    const tailStart = Math.max(0, size - END_SEARCH);
    const tail = await readAt(handle, tailStart, size - tailStart);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new ZipProblem("truncated");
    let count = tail.readUInt16LE(end + 10);
    let directorySize = tail.readUInt32LE(end + 12);
    let directoryOffset = tail.readUInt32LE(end + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      // ZIP64: the real values are in a record the locator just before the end record points to.
      const locatorAt = tailStart + end - 20;
      const locator = locatorAt >= 0 ? await readAt(handle, locatorAt, 20) : Buffer.alloc(0);
      if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipProblem("corrupt");
      const record = await readAt(handle, Number(locator.readBigUInt64LE(8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) throw new ZipProblem("corrupt");
      count = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
    if (directoryOffset + directorySize > size) throw new ZipProblem("truncated");

    const directory = await readAt(handle, directoryOffset, directorySize);
    const entries = new Map<string, ZipEntry>();
    let at = 0;
    for (let k = 0; k < count; k++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) {
        throw new ZipProblem("corrupt");
      }
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      const entry: ZipEntry = {
        name,
        flags: directory.readUInt16LE(at + 8),
        method: directory.readUInt16LE(at + 10),
        crc32: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        uncompressedSize: directory.readUInt32LE(at + 24),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      };
      readZip64Extra(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
      entries.set(name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return { file, entries, directoryOffset };
  } finally {
    await handle.close();
  }
}

/** Sizes and offsets too large for 32 bits are in the ZIP64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = field + 8 <= at + 4 + length ? Number(extra.readBigUInt64LE(field)) : undefined;
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next() ?? entry.uncompressedSize;
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next() ?? entry.compressedSize;
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next() ?? entry.localHeaderOffset;
      return;
    }
    at += 4 + length;
  }
}

/** The decompressed bytes all parts read from one workbook may still produce. */
export class ByteBudget {
  #left: number;
  constructor(readonly limit: number) {
    this.#left = limit;
  }
  get left(): number {
    return this.#left;
  }
  /** Throws once more than the limit has been taken. */
  take(bytes: number, part: string): void {
    this.#left -= bytes;
    if (this.#left < 0) throw new ZipProblem("too-large", part);
  }
}

export interface ReadProgress {
  /** Compressed bytes of the part read from the file so far. */
  onCompressed?: (bytes: number) => void;
}

/**
 * A part's text (UTF-8, decoded across chunk boundaries), streamed. Its decompressed bytes are
 * taken from `budget` as they come, and checked against the size and checksum the directory
 * declares: a part that decompresses to more than it declares is corrupt (or built to lie).
 * Every stream is closed when the iteration ends, however it ends.
 */
export async function* entryText(
  archive: ZipArchive,
  entry: ZipEntry,
  budget: ByteBudget,
  progress: ReadProgress = {},
): AsyncGenerator<string> {
  if (entry.flags & 0x1) throw new ZipProblem("encrypted", entry.name);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipProblem("unsupported", entry.name);
  const start = await dataStart(archive, entry);
  if (start + entry.compressedSize > archive.directoryOffset) throw new ZipProblem("corrupt", entry.name);

  const raw = createReadStream(archive.file, {
    start,
    // An empty range cannot be written as start..end; read one byte and ignore it instead.
    end: start + Math.max(entry.compressedSize, 1) - 1,
    highWaterMark: 1 << 16,
  });
  raw.on("data", (chunk) => progress.onCompressed?.(chunk.length));
  const output =
    entry.method === 8
      ? pipeline(raw, createInflateRaw(), () => {
          // Errors reach the loop below through the inflate stream, which pipeline destroys with them.
        })
      : raw;
  const decoder = new StringDecoder("utf8");
  let produced = 0;
  let checksum = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      const data =
        entry.method === 0 && produced + chunk.length > entry.compressedSize
          ? chunk.subarray(0, entry.compressedSize - produced)
          : chunk;
      produced += data.length;
      if (produced > entry.uncompressedSize) throw new ZipProblem("corrupt", entry.name);
      budget.take(data.length, entry.name);
      checksum = crc32(data, checksum);
      const text = decoder.write(data);
      if (text.length > 0) yield text;
    }
  } catch (error) {
    if (error instanceof ZipProblem) throw error;
    throw new ZipProblem("corrupt", entry.name, { cause: error });
  } finally {
    raw.destroy();
    if (output !== raw) output.destroy();
  }
  if (produced !== entry.uncompressedSize || checksum !== entry.crc32) {
    throw new ZipProblem("corrupt", entry.name);
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

async function dataStart(archive: ZipArchive, entry: ZipEntry): Promise<number> {
  const handle = await open(archive.file, "r");
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
      throw new ZipProblem("corrupt", entry.name);
    }
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
}
