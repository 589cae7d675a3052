/**
 * XLSX workbooks built by hand for the upload tests: a real one (inline strings, one sheet), and
 * zip bombs whose sheet inflates to gigabytes from a few kilobytes. A bomb's deflate stream is one
 * compressed chunk repeated: each copy ends with a full flush (no reference reaches back into the
 * copy before it), so the copies chain into a valid stream without compressing gigabytes here.
 */
import { constants, deflateRawSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface ZipPart {
  readonly name: string;
  /** The deflated bytes as stored. */
  readonly compressed: Buffer;
  /** What the directory declares: the inflated size and its checksum. */
  readonly size: number;
  readonly crc: number;
}

function part(name: string, text: string): ZipPart {
  const data = Buffer.from(text, "utf8");
  return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A zip of `parts` (deflated, no zip64): local headers and data, the central directory, its end. */
function zip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, compressed, size, crc } of parts) {
    const fileName = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(compressed.length, 20);
    record.writeUInt32LE(size, 24);
    record.writeUInt16LE(fileName.length, 28);
    record.writeUInt32LE(offset, 42);
    locals.push(local, fileName, compressed);
    central.push(record, fileName);
    offset += local.length + fileName.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xmlText = (value: string) =>
  value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function cells(line: number, values: readonly string[]): string {
  return values
    .map(
      (value, i) =>
        `<c r="${String.fromCharCode(65 + i)}${line}" t="inlineStr"><is><t>${xmlText(value)}</t></is></c>`,
    )
    .join("");
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = "</sheetData></worksheet>";

/** Every part of a one-sheet workbook but the sheet. */
function bookParts(): ZipPart[] {
  return [
    part(
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    part(
      "_rels/.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    part(
      "xl/workbook.xml",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      "xl/_rels/workbook.xml.rels",
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ];
}

/** A customers workbook (客户编号, 客户名称) of `rows` rows, the sheet stored last as Excel does. */
export function customersWorkbook(rows: number, prefix = "W"): Buffer {
  const lines = [cells(1, ["客户编号", "客户名称"])];
  for (let i = 0; i < rows; i++) {
    const code = `${prefix}${String(i).padStart(6, "0")}`;
    lines.push(cells(i + 2, [code, `客户 ${code}`]));
  }
  const sheet = `${SHEET_HEAD}${lines.map((row, i) => `<row r="${i + 1}">${row}</row>`).join("")}${SHEET_TAIL}`;
  return zip([...bookParts(), part("xl/worksheets/sheet1.xml", sheet)]);
}

/**
 * A workbook whose sheet has the header row, then `copies` × `block` of XML that never ends
 * (no closing tags: the reader must stop before the end). Its directory declares `declaredSize`.
 */
export function bombWorkbook(block: string, copies: number, declaredSize: number): Buffer {
  const flushed = (text: string) =>
    deflateRawSync(Buffer.from(text, "utf8"), { finishFlush: constants.Z_FULL_FLUSH });
  const head = flushed(`${SHEET_HEAD}<row r="1">${cells(1, ["客户编号", "客户名称"])}</row>`);
  const repeated = flushed(block);
  // The final, empty block (fixed Huffman, end of block only).
  const compressed = Buffer.concat([
    head,
    ...Array.from({ length: copies }, () => repeated),
    Buffer.from([3, 0]),
  ]);
  return zip([...bookParts(), { name: "xl/worksheets/sheet1.xml", compressed, size: declaredSize, crc: 0 }]);
}
