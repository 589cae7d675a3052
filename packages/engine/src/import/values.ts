/**
 * Reading one cell of an import file into the canonical text that is staged for the database.
 *
 * Canonical forms: dates 'YYYY-MM-DD'; time stamps 'YYYY-MM-DDTHH:MM:SSZ'; decimals with exactly
 * two decimals ('1234.50', as DECIMAL(18,2) stores them, so that keys derived from amounts are the
 * same whether the file was CSV or XLSX); integers, booleans ('true'/'false'), enum stored values,
 * tags and JSON objects as JSON text; codes and text trimmed. Every parser returns `null` for an
 * empty cell; `parseField` turns that into "required" where the field demands a value.
 */
import type { FieldSpec } from "@custra/core";
import { type Text, text } from "@custra/core/errors";
import "./messages.ts";
import { type Cell, FORMULA_WITHOUT_RESULT } from "./read/table.ts";

export type ParseResult =
  | { ok: true; value: string | null }
  | {
      ok: false;
      /** What is wrong with the value, for the reader. */
      reason: Text;
      /** A day-month-year or month-day-year date read without a date format: the file must say which. */
      ambiguousDate?: true;
    };

/** How a file's values are read beyond what the field's kind says. */
export interface ReadOptions {
  /** The order of day, month and year (and the time of day) of the file's dates. */
  dateFormat?: DateFormat;
}

const EMPTY: ParseResult = { ok: true, value: null };

function ok(value: string): ParseResult {
  return { ok: true, value };
}

function fail(key: string, params: Record<string, string | number> = {}): ParseResult {
  return { ok: false, reason: text(key, params) };
}

/** A value as quoted in a reason: whole when short, cut when it would swamp the message. */
function quote(cell: Cell): string {
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Full-width ASCII (Ｓ１２，３) and the ideographic space as their half-width forms. */
export function toHalfWidth(text: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(text)) return text;
  return text.replace(/[\uff01-\uff5e\u3000]/g, (ch) =>
    ch === "\u3000" ? " " : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** How names and spellings are compared: case, width, spaces, underscores and hyphens ignored. */
export function normalizeKey(text: string): string {
  return toHalfWidth(text)
    .replace(/^\ufeff/, "")
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
}

// ---------------------------------------------------------------------------------------------
// Dates and time stamps

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC when the text names an offset; undefined for naive times. */
  offset?: number;
}

const DATE_PART = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))/;
const TIME_PART =
  /^(?:\s*T\s*|\s*)(\d{1,2})[:时点](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?|分)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type TextParse = DateTimeParts | "bad" | "impossible";

/** Reads the date and time forms exports use; the time part, when present, is returned too. */
function parseDateTimeText(raw: string): TextParse {
  const text = toHalfWidth(raw.trim());
  const date = DATE_PART.exec(text);
  if (!date) return "bad";
  const year = Number(date[1]);
  const month = Number(date[3] ?? date[5] ?? date[7]);
  const day = Number(date[4] ?? date[6] ?? date[8]);
  let hour = 0;
  let minute = 0;
  let second = 0;
  let offset: number | undefined;
  const rest = text.slice(date[0].length);
  if (rest !== "") {
    // Only "2024年1月5日13:45" may run the time straight on; digits would otherwise blur together.
    if (!date[0].endsWith("日") && !/^[\sT]/i.test(rest)) return "bad";
    const time = TIME_PART.exec(rest);
    if (!time) return "bad";
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
    if (time[4]) offset = parseOffset(time[4]);
  }
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return "impossible";
  return { year, month, day, hour, minute, second, offset };
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug makes that right from 1900-03-01 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_FIRST_SERIAL = 61; // 1900-03-01
const EXCEL_LAST_SERIAL = 2958465; // 9999-12-31

/** A number cell as a moment (UTC fields = wall clock): 20240105 or an Excel serial day number. */
function numberToDate(value: number): Date | undefined {
  if (Number.isInteger(value) && value >= 10000101 && value <= 99991231) {
    const year = Math.floor(value / 10000);
    const month = Math.floor(value / 100) % 100;
    const day = value % 100;
    return isValidDate(year, month, day) ? new Date(Date.UTC(year, month - 1, day)) : undefined;
  }
  if (value >= EXCEL_FIRST_SERIAL && value <= EXCEL_LAST_SERIAL) {
    return new Date(EXCEL_EPOCH_MS + Math.round(value * 86400) * 1000);
  }
  return undefined;
}

/**
 * A date format as written with `--date-format` or in an import profile: the order of `dd`, `mm`
 * and `yyyy` with the separators between them, optionally followed by a space and a time of day
 * (`HH:mm` or `HH:mm:ss`; `mm` after the hour means minutes). Day and month may have one digit or
 * two in the values ("3/4/2024" matches `dd/mm/yyyy`); the year has four.
 */
export interface DateFormat {
  /** As written, for messages. */
  readonly text: string;
  readonly date: RegExp;
  /** Which of the date's capture groups is the year, the month and the day. */
  readonly order: { readonly year: number; readonly month: number; readonly day: number };
  /** The time of day after the date, when the format has one; a value may still leave it out. */
  readonly time?: RegExp;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Reads a date format; undefined when it is not one (each of dd, mm, yyyy once, then an optional time). */
export function parseDateFormat(text: string): DateFormat | undefined {
  const [datePart, timePart, ...rest] = text.trim().split(/\s+/);
  if (!datePart || rest.length > 0) return undefined;
  const tokens = datePart.split(/(yyyy|dd?|mm?)/i).filter((token) => token !== "");
  let source = "^";
  let group = 0;
  const order = { year: 0, month: 0, day: 0 };
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const part =
      lower === "yyyy" ? "year" : lower.startsWith("d") ? "day" : lower.startsWith("m") ? "month" : "";
    if (part === "") {
      if (!/^[-/.年月日]+$/.test(token)) return undefined;
      source += escapeRegExp(token);
      continue;
    }
    if (order[part] !== 0) return undefined;
    order[part] = ++group;
    source += part === "year" ? "(\\d{4})" : "(\\d{1,2})";
  }
  if (order.year === 0 || order.month === 0 || order.day === 0) return undefined;
  let time: RegExp | undefined;
  if (timePart !== undefined) {
    if (!/^(?:HH?|hh?):mm(?::ss)?$/.test(timePart)) return undefined;
    time = timePart.endsWith(":ss") ? /^(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/ : /^(\d{1,2}):(\d{2})$/;
  }
  return { text: text.trim(), date: new RegExp(`${source}$`), order, time };
}

/** A value in the given format; undefined when it does not have that shape. */
function parseWithFormat(raw: string, format: DateFormat): DateTimeParts | "impossible" | undefined {
  const text = toHalfWidth(raw.trim());
  const [datePart, timePart, ...rest] = text.split(/\s+|(?<=\d)T(?=\d)/);
  if (!datePart || rest.length > 0) return undefined;
  const date = format.date.exec(datePart);
  if (!date) return undefined;
  const year = Number(date[format.order.year]);
  const month = Number(date[format.order.month]);
  const day = Number(date[format.order.day]);
  let hour = 0;
  let minute = 0;
  let second = 0;
  if (timePart !== undefined) {
    const time = (format.time ?? /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/).exec(timePart);
    if (!time) return undefined;
    hour = Number(time[1]);
    minute = Number(time[2]);
    second = Number(time[3] ?? 0);
  }
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return "impossible";
  return { year, month, day, hour, minute, second };
}

/** 03/04/2024, 3.4.2024, 03-04-2024 13:00: a date whose first two numbers may be day-month or month-day. */
const DAY_MONTH_ORDER = /^\d{1,2}([-/.])\d{1,2}\1\d{4}(?:[\sT]|$)/;

/**
 * A date or time stamp text read by the format when there is one (year-first dates are read in
 * any case, as they cannot be misread), else by the built-in forms. Without a format, a day-month
 * order is not guessed: it is reported as ambiguous.
 */
function readDateText(
  cell: string,
  options: ReadOptions | undefined,
  bad: string,
): DateTimeParts | "impossible" | ParseResult {
  const format = options?.dateFormat;
  if (format) {
    const parts = parseWithFormat(cell, format);
    if (parts !== undefined) return parts;
  }
  const parts = parseDateTimeText(cell);
  if (parts !== "bad") return parts;
  if (format) return fail("import.value.notInDateFormat", { value: quote(cell), format: format.text });
  if (DAY_MONTH_ORDER.test(toHalfWidth(cell.trim())))
    return {
      ok: false,
      reason: text("import.value.ambiguousDate", { value: quote(cell) }),
      ambiguousDate: true,
    };
  return fail(bad, { value: quote(cell) });
}

/**
 * A date as 'YYYY-MM-DD'. Text: 2024-01-05, 2024/1/5, 2024.1.5, 20240105, 2024年1月5日, each
 * optionally followed by a time (ignored); with a date format, dates in that format too. XLSX: date
 * cells, 8-digit numbers, Excel serials. Without a format, day-month orders such as 05/01/2024 are
 * rejected as ambiguous (5 January or May 1st?), never guessed.
 */
export function parseDate(cell: Cell, options?: ReadOptions): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  if (typeof cell === "string") {
    const text = cell.trim();
    if (ISO_DATE.test(text)) {
      const year = Number(text.slice(0, 4));
      const month = Number(text.slice(5, 7));
      const day = Number(text.slice(8, 10));
      return isValidDate(year, month, day)
        ? ok(text)
        : fail("import.value.impossibleDate", { value: quote(cell) });
    }
    const parts = readDateText(text, options, "import.value.badDate");
    if (typeof parts === "object" && "ok" in parts) return parts;
    if (parts === "impossible") return fail("import.value.impossibleDate", { value: quote(cell) });
    return ok(formatDate(parts.year, parts.month, parts.day));
  }
  const date = cell instanceof Date ? cell : typeof cell === "number" ? numberToDate(cell) : undefined;
  if (!date || Number.isNaN(date.getTime())) return fail("import.value.badDate", { value: quote(cell) });
  // XLSX date cells carry the wall-clock date in their UTC fields, whatever the machine's zone.
  return ok(formatDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()));
}

/**
 * A moment as 'YYYY-MM-DDTHH:MM:SSZ'. The date forms of `parseDate`, optionally followed by a
 * time (13:45, 13:45:00, 13时45分); a date alone is midnight. A time with an offset (Z, +08:00)
 * is converted to UTC; a naive time — what spreadsheets and most exports hold — is stored as
 * given, as if it were UTC, so that it reads back as written. Fractions of seconds are dropped.
 */
export function parseTimestamp(cell: Cell, options?: ReadOptions): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  let ms: number;
  if (typeof cell === "string") {
    const parts = readDateText(cell, options, "import.value.badTimestamp");
    if (typeof parts === "object" && "ok" in parts) return parts;
    if (parts === "impossible") return fail("import.value.impossibleDate", { value: quote(cell) });
    const { year, month, day, hour, minute, second, offset } = parts;
    ms = Date.UTC(year, month - 1, day, hour, minute, second) - (offset ?? 0) * 60_000;
  } else {
    const date = cell instanceof Date ? cell : typeof cell === "number" ? numberToDate(cell) : undefined;
    if (!date || Number.isNaN(date.getTime()))
      return fail("import.value.badTimestamp", { value: quote(cell) });
    ms = Math.round(date.getTime() / 1000) * 1000;
  }
  const iso = new Date(ms).toISOString();
  return ok(`${iso.slice(0, 19)}Z`);
}

// ---------------------------------------------------------------------------------------------
// Numbers

const CURRENCY_PREFIX = /^(?:US\$|HK\$|RMB|CNY|USD|[$¥￥€£])/i;
const CURRENCY_SUFFIX = /(?:元|块|RMB|CNY|USD)$/i;
const PLAIN_NUMBER = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;
const DIGITS_WITH_COMMAS = /^[\d,]+(?:\.\d*)?$/;
/**
 * Amounts stop at 12 integer digits (999,999,999,999.99), below what DECIMAL(18,2) stores (16):
 * the analysis sums a customer's amounts (into DECIMAL(18,2) score columns) and computes in
 * doubles, which hold cents exactly only up to about 9 × 10^13. A value of 16 digits imported
 * fine and then made every analysis fail; 10,000 rows of the largest amount still fit.
 */
const MAX_INTEGER_DIGITS = 12;
/** Excel shows 15 significant digits; beyond them an XLSX number is binary noise (0.1 + 0.2). */
const EXCEL_DIGITS = 15;

type NumberText = { negative: boolean; integer: string; fraction: string } | "bad" | "grouping";

/**
 * Splits a written number into sign, integer digits and fraction digits without going through
 * floating point. Accepts currency signs and words, thousands separators (comma or space, in
 * groups of three), a leading minus and accounting parentheses.
 */
/** "-1234.5": sign, integer without leading zeros, at most two decimals. */
const PLAIN_AMOUNT = /^(-?)([1-9]\d{0,11}|0)(?:\.(\d{1,2}))?$/;

function splitNumberText(raw: string): NumberText {
  let text = toHalfWidth(raw.trim()).replace(/[\u00a0\u2009\u202f]/g, " ");
  // A space between digits groups thousands like a comma does; any other space is decoration.
  text = text.replace(/(\d) (?=\d)/g, "$1,").replace(/\s+/g, "");
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1]!;
  }
  text = text.replace(CURRENCY_PREFIX, "");
  const sign = /^[-+−]/.exec(text);
  if (sign) {
    if (sign[0] !== "+") negative = !negative;
    text = text.slice(1);
  }
  text = text.replace(CURRENCY_PREFIX, "").replace(CURRENCY_SUFFIX, "");
  const match = PLAIN_NUMBER.exec(text);
  if (!match || (match[1] === "" && !match[2])) return DIGITS_WITH_COMMAS.test(text) ? "grouping" : "bad";
  const integer = match[1]!.replace(/,/g, "").replace(/^0+(?=\d)/, "");
  return { negative, integer: integer === "" ? "0" : integer, fraction: match[2] ?? "" };
}

/**
 * A decimal as text with exactly two decimals, as DECIMAL(18,2) keeps it. Text is read digit by
 * digit, never through a float, so "0.29" stays 0.29. A value with more decimals than two that are
 * not zeros (1.234) is refused, not rounded: the database would silently change it, and which
 * rounding the source meant is the user's call. XLSX number cells are taken at the 15 significant
 * digits Excel shows (so a formula's 0.30000000000000004 is 0.30).
 */
export function parseDecimal(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  let parts: NumberText;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail("import.value.badDecimal", { value: quote(cell) });
    const magnitude = Number(Math.abs(cell).toPrecision(EXCEL_DIGITS));
    if (magnitude >= 10 ** MAX_INTEGER_DIGITS) return fail("import.value.tooLarge", { value: quote(cell) });
    // Below the limit String() only uses an exponent under 1e-6, which is too many decimals anyway.
    const shortest = String(magnitude);
    const text = shortest.includes("e") ? magnitude.toFixed(20) : shortest;
    const split = splitNumberText(text);
    if (typeof split !== "object") return fail("import.value.badDecimal", { value: quote(cell) });
    parts = { ...split, negative: cell < 0 };
  } else if (typeof cell === "string") {
    // Most exports write plain amounts ("1234.5"); they need none of the work below.
    const plain = PLAIN_AMOUNT.exec(cell);
    if (plain && (plain[2] !== "0" || plain[1] === ""))
      return ok(`${plain[1]}${plain[2]}.${(plain[3] ?? "").padEnd(2, "0")}`);
    parts = splitNumberText(cell);
    if (parts === "grouping") return fail("import.value.badGrouping", { value: quote(cell) });
    if (parts === "bad") return fail("import.value.badDecimal", { value: quote(cell) });
  } else {
    return fail("import.value.badDecimal", { value: quote(cell) });
  }
  const { integer } = parts;
  let fraction = parts.fraction.replace(/0+$/, "");
  if (fraction.length > 2) return fail("import.value.tooManyDecimals", { value: quote(cell) });
  fraction = fraction.padEnd(2, "0");
  if (integer.length > MAX_INTEGER_DIGITS) return fail("import.value.tooLarge", { value: quote(cell) });
  const zero = integer === "0" && fraction === "00";
  return ok(`${parts.negative && !zero ? "-" : ""}${integer}.${fraction}`);
}

/** A whole number, optionally within inclusive bounds. "1,000" and "12.0" are whole numbers. */
export function parseInteger(cell: Cell, min?: number, max?: number): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  let value: number;
  if (typeof cell === "number") {
    value = cell;
  } else if (typeof cell === "string") {
    const parts = splitNumberText(cell);
    if (typeof parts !== "object" || /[^0]/.test(parts.fraction)) {
      return fail("import.value.badInt", { value: quote(cell) });
    }
    value = Number(parts.integer) * (parts.negative ? -1 : 1);
  } else {
    return fail("import.value.badInt", { value: quote(cell) });
  }
  if (!Number.isSafeInteger(value)) return fail("import.value.badInt", { value: quote(cell) });
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    if (min !== undefined && max !== undefined)
      return fail("import.value.intRange", { value: quote(cell), min, max });
    return min !== undefined && value < min
      ? fail("import.value.intMin", { value: quote(cell), min })
      : fail("import.value.intMax", { value: quote(cell), max: max ?? 0 });
  }
  return ok(String(value === 0 ? 0 : value));
}

// ---------------------------------------------------------------------------------------------
// Booleans, enums, lists, objects, codes, text

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...["true", "1", "yes", "y", "t", "是", "对", "真"].map((s) => [s, true] as const),
  ...["false", "0", "no", "n", "f", "否", "错", "假"].map((s) => [s, false] as const),
]);

export function parseBool(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  if (typeof cell === "boolean") return ok(String(cell));
  if (typeof cell === "number" && (cell === 0 || cell === 1)) return ok(String(cell === 1));
  const value = typeof cell === "string" ? BOOLEANS.get(toHalfWidth(cell.trim()).toLowerCase()) : undefined;
  return value === undefined ? fail("import.value.badBool", { value: quote(cell) }) : ok(String(value));
}

type EnumValues = Readonly<Record<string, readonly string[]>>;

const enumLookups = new WeakMap<EnumValues, Map<string, string>>();

function enumLookup(values: EnumValues): Map<string, string> {
  let lookup = enumLookups.get(values);
  if (!lookup) {
    lookup = new Map();
    for (const [stored, spellings] of Object.entries(values)) {
      for (const spelling of [stored, ...spellings]) {
        const key = normalizeKey(spelling);
        if (!lookup.has(key)) lookup.set(key, stored);
      }
    }
    enumLookups.set(values, lookup);
  }
  return lookup;
}

/** One of an enum's stored values, written as the stored value or any spelling listed for it. */
export function parseEnum(cell: Cell, values: EnumValues): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  const text = typeof cell === "string" ? cell : String(cell);
  const stored = enumLookup(values).get(normalizeKey(text.trim()));
  if (stored !== undefined) return ok(stored);
  const accepted = Object.entries(values)
    .map(([value, spellings]) => (spellings.length > 0 ? `${value} (${spellings.join(", ")})` : value))
    .join("; ");
  return fail("import.value.badEnum", { value: quote(cell), accepted });
}

const TAG_SEPARATORS = /[,;、|，；]/;

/** A list as a JSON array of distinct, trimmed, non-empty strings; null when there are none. */
export function parseTags(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  const text = typeof cell === "string" ? cell : textOf(cell);
  const tags = [
    ...new Set((jsonStringArray(text) ?? text.split(TAG_SEPARATORS)).map((tag) => tag.trim())),
  ].filter((tag) => tag !== "");
  return tags.length === 0 ? EMPTY : ok(JSON.stringify(tags));
}

/** Tags written as a JSON array (as custra's own exports write them), else undefined. */
function jsonStringArray(text: string): string[] | undefined {
  if (!text.trimStart().startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON object, re-serialised compactly. */
export function parseJsonObject(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  if (typeof cell !== "string") return fail("import.value.badJson", { value: quote(cell) });
  try {
    const value: unknown = JSON.parse(cell);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return fail("import.value.badJson", { value: quote(cell) });
    }
    return ok(JSON.stringify(value));
  } catch {
    return fail("import.value.badJson", { value: quote(cell) });
  }
}

/**
 * What exports write where a code is missing. None of them is ever a real customer's or order's
 * code, and taking one as a code makes a customer "NA" that collects every unattributed order.
 */
const PLACEHOLDER_CODES = new Set([
  "na",
  "n/a",
  "#n/a",
  "null",
  "nil",
  "none",
  "nan",
  "undefined",
  "empty",
  "-",
  "--",
  "—",
  "无",
  "空",
  "（空白）",
  "(blank)",
]);

const MAX_PLACEHOLDER_LENGTH = Math.max(...[...PLACEHOLDER_CODES].map((code) => code.length));

/** 17850.0: an integer id that passed through a float column (pandas, Excel) on its way out. */
const INTEGER_WITH_ZERO_FRACTION = /^(-?\d+)\.0+$/;

/**
 * An identifier exactly as written, trimmed: leading zeros stay ("007"). A number cell gives its
 * digits (Excel stores codes typed without a leading apostrophe as numbers, which drops their
 * zeros before custra ever sees them; nothing here can restore them). An integer written with a
 * zero fraction ("17850.0") is that integer. Placeholders for a missing code (NA, N/A, null, -,
 * 无 …) are refused: an empty cell says "no code" plainly, and a value map can turn them into one.
 */
export function parseCode(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  const text = typeof cell === "string" ? cell.trim() : textOf(cell);
  if (text.length <= MAX_PLACEHOLDER_LENGTH && PLACEHOLDER_CODES.has(toHalfWidth(text).toLowerCase())) {
    return fail("import.value.placeholderCode", { value: quote(cell) });
  }
  return ok(INTEGER_WITH_ZERO_FRACTION.exec(text)?.[1] ?? text);
}

export function parseText(cell: Cell): ParseResult {
  if (cell === null || isEmptyCell(cell)) return EMPTY;
  return ok(typeof cell === "string" ? cell.trim() : textOf(cell));
}

/** Text of a typed (XLSX) cell: numbers without exponent, dates as ISO date or date and time. */
function textOf(cell: Exclude<Cell, null>): string {
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") {
    return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? BigInt(cell).toString() : String(cell);
  }
  if (typeof cell === "boolean") return String(cell);
  const iso = cell.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/**
 * Excel's formula error values, as the XLSX reader delivers an error cell and as Excel writes one
 * to CSV. A cell holding one has no value: read as empty it would silently become NULL.
 */
const FORMULA_ERROR =
  /^#(?:DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

export function isFormulaError(cell: Cell | undefined): boolean {
  // Most cells have no "#": they need no regular expression.
  return typeof cell === "string" && cell.includes("#") && FORMULA_ERROR.test(cell.trim());
}

/** Reads a cell for `field` by its kind; an empty cell of a required field is an error. */
export function parseField(field: FieldSpec, cell: Cell, options?: ReadOptions): ParseResult {
  if (cell === FORMULA_WITHOUT_RESULT) return fail("import.value.formulaWithoutResult");
  if (isFormulaError(cell)) return fail("import.value.formulaError", { value: quote(cell) });
  const result = parseByKind(field, cell, options);
  if (result.ok && result.value === null && field.required) return fail("import.value.required");
  return result;
}

function parseByKind(field: FieldSpec, cell: Cell, options: ReadOptions | undefined): ParseResult {
  switch (field.kind) {
    case "code":
      return parseCode(cell);
    case "text":
      return parseText(cell);
    case "int":
      return parseInteger(cell, field.min, field.max);
    case "decimal":
      return parseDecimal(cell);
    case "date":
      return parseDate(cell, options);
    case "timestamp":
      return parseTimestamp(cell, options);
    case "bool":
      return parseBool(cell);
    case "enum":
      return parseEnum(cell, field.values ?? {});
    case "tags":
      return parseTags(cell);
    case "json":
      return parseJsonObject(cell);
  }
}
