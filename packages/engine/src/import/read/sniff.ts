import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";

/** How much of a file the encoding and delimiter guesses look at. */
export const SNIFF_BYTES = 64 * 1024;

export type EncodingGuess =
  | { kind: "text"; encoding: string }
  | { kind: "binary" }
  | { kind: "unknown"; detected: string | null };

/**
 * Guesses the text encoding from the first bytes of a file. UTF-8 is checked exactly first: GBK
 * text is almost never valid UTF-8, while statistical detectors do mistake short UTF-8 samples for
 * other encodings. Only when the sample is not UTF-8 is chardet asked.
 */
export function guessEncoding(sample: Buffer, wholeFile: boolean): EncodingGuess {
  if (sample.length >= 2 && sample[0] === 0x50 && sample[1] === 0x4b) return { kind: "binary" }; // zip: a workbook
  if (hasUtf16Bom(sample)) return { kind: "text", encoding: sample[0] === 0xff ? "utf-16le" : "utf-16be" };
  // Binary files (and UTF-16 without a byte-order mark) are full of NUL bytes; a text file with a
  // stray one is text, and the rows holding one are reported as bad rows.
  if (countNul(sample) > sample.length / 100) return { kind: "binary" };
  if (isUtf8(wholeFile ? sample : withoutCutSequence(sample))) return { kind: "text", encoding: "utf-8" };
  if (hasGb18030Bom(sample)) return { kind: "text", encoding: "gb18030" };

  const detected = chardet.detect(sample);
  if (detected && /^gb/i.test(detected)) return { kind: "text", encoding: "gb18030" };
  // Big5 (traditional Chinese, Taiwan and Hong Kong) byte pairs are almost all valid GBK pairs too,
  // so GB18030 "decodes" Big5 text cleanly into the wrong characters: chardet's character
  // frequencies tell them apart (measured: GBK text scores GB18030 100 and Big5 49-74, Big5 text
  // Big5 93-100 and GB18030 10-65), so Big5 is taken when chardet ranks it first and it decodes.
  if (detected && /^big5/i.test(detected) && decodesCleanly(sample, "big5")) {
    return { kind: "text", encoding: "big5" };
  }
  // chardet confuses the other CJK multi-byte encodings on short samples; Chinese exports that are
  // not UTF-8 are GBK in practice, so GB18030 wins whenever it decodes the sample cleanly.
  if (detected && /big5|euc|shift_jis|iso-2022/i.test(detected) && decodesCleanly(sample, "gb18030")) {
    return { kind: "text", encoding: "gb18030" };
  }
  if (detected && iconv.encodingExists(detected)) return { kind: "text", encoding: detected.toLowerCase() };
  if (decodesCleanly(sample, "gb18030")) return { kind: "text", encoding: "gb18030" };
  return { kind: "unknown", detected };
}

function countNul(sample: Buffer): number {
  let count = 0;
  for (let i = sample.indexOf(0); i >= 0; i = sample.indexOf(0, i + 1)) count++;
  return count;
}

function hasUtf16Bom(sample: Buffer): boolean {
  return (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
}

function hasGb18030Bom(sample: Buffer): boolean {
  return sample[0] === 0x84 && sample[1] === 0x31 && sample[2] === 0x95 && sample[3] === 0x33;
}

/** The sample without a multi-byte sequence that the sample's end cut in two. */
export function withoutCutSequence(sample: Buffer): Buffer {
  const end = sample.length;
  for (let i = end - 1; i >= Math.max(0, end - 4); i--) {
    const byte = sample[i]!;
    if (byte < 0x80) return sample;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return end - i < length ? sample.subarray(0, i) : sample;
    }
  }
  return sample;
}

function decodesCleanly(sample: Buffer, encoding: string): boolean {
  // A cut multi-byte character at the end would decode to U+FFFD; drop the last byte's worth.
  const text = iconv.decode(sample.subarray(0, Math.max(0, sample.length - 1)), encoding);
  return !text.includes("\ufffd");
}

export const DELIMITERS = [",", "\t", ";", "|"] as const;

/**
 * Picks the delimiter that splits the first records of `text` into the same number of fields,
 * counting only outside quotes. Most fields wins among consistent candidates; the order of
 * `DELIMITERS` breaks ties, and a single-column file gets ",".
 */
export function guessDelimiter(text: string, wholeText: boolean): string {
  const counts = DELIMITERS.map(() => [] as number[]);
  let current = DELIMITERS.map(() => 0);
  let quoted = false;
  let blank = true;
  const maxRecords = 20;
  let records = 0;
  for (let i = 0; i < text.length && records < maxRecords; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      quoted = !quoted; // "" inside a quoted field toggles twice and so changes nothing
      blank = false;
    } else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (!blank) {
        current.forEach((n, k) => {
          counts[k]!.push(n);
        });
        records++;
      }
      current = DELIMITERS.map(() => 0);
      blank = true;
    } else if (!quoted) {
      const k = (DELIMITERS as readonly string[]).indexOf(ch);
      if (k >= 0) current[k]!++;
      if (ch !== " ") blank = false;
    }
  }
  // The sample's last record may be cut short; only count it when it is the end of the file.
  if (!blank && wholeText && records < maxRecords) {
    current.forEach((n, k) => {
      counts[k]!.push(n);
    });
  }

  let best: string = ",";
  let bestScore = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const perRecord = counts[k]!;
    const header = perRecord[0] ?? 0;
    if (header === 0) return;
    const agreeing = perRecord.filter((n) => n === header).length;
    // Agreement matters first (a comma inside amounts like 1,234 is not consistent), then width.
    const score = (agreeing / perRecord.length) * 1000 + Math.min(header, 999);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  });
  return best;
}
