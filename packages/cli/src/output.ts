/**
 * Where things are printed: data on stdout (a single JSON document with --json), messages and
 * progress on stderr, so `custra … --json | jq` always works.
 */

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ""): void {
  process.stdout.write(`${text}\n`);
}

export function message(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** A plain aligned table; columns whose values are all numbers are right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly (string | number)[]>,
): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === "number" ? cell.toLocaleString("en-US") : cell)),
  );
  // Numbers and figures such as "12.5%" or "1,234.00" line up on the right.
  const numeric = headers.map(
    (_, column) =>
      rows.length > 0 &&
      rows.every(
        (row) => typeof row[column] === "number" || /^[-+]?[\d,.]+%?$|^-$/.test(String(row[column])),
      ),
  );
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[column] ?? ""))),
  );
  const pad = (text: string, column: number) => {
    const space = " ".repeat(widths[column]! - displayWidth(text));
    return numeric[column] ? space + text : text + space;
  };
  const lines = [
    headers.map(pad),
    widths.map((width) => "-".repeat(width)),
    ...cells.map((row) => row.map(pad)),
  ];
  return lines.map((line) => line.join("  ").trimEnd()).join("\n");
}

/** A number with a fixed count of decimals and thousands separators; "-" when unknown. */
export const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : "-";

/** A share (0.125) as a percentage ("12.5%"); "-" when unknown. */
export const pct = (share: number): string => (Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : "-");

/** A model parameter to four significant digits; "-" when unknown. */
export const sig = (value: number): string => (Number.isFinite(value) ? value.toPrecision(4) : "-");
