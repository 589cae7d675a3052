import { Readable } from "node:stream";

export const BOUNDARY = "----custra-test-boundary";
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function optionsPart(options: unknown): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`,
  );
}

function fileHead(name: string): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
}

const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A multipart/form-data body: an optional `options` field, then the file. */
export function form(
  file: { name: string; content: Buffer | string },
  options?: unknown,
): { payload: Buffer; contentType: string } {
  const parts: Buffer[] = [];
  if (options !== undefined) parts.push(optionsPart(options));
  parts.push(
    fileHead(file.name),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    TAIL,
  );
  return { payload: Buffer.concat(parts), contentType: MULTIPART_TYPE };
}

/** A multipart/form-data body of a CSV file (sent as text/csv) and an optional `options` field. */
export function csvForm(
  name: string,
  content: string,
  options?: object,
): { payload: Buffer; contentType: string } {
  const parts = [
    ...(options === undefined ? [] : [optionsPart(options)]),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(content),
    TAIL,
  ];
  return { payload: Buffer.concat(parts), contentType: MULTIPART_TYPE };
}

/**
 * The same body as a stream whose file is `chunk` repeated until it is `bytes` long: an upload of
 * hundreds of megabytes without ever holding more than one chunk. `sent()` says how many bytes
 * the reader (the socket) has taken so far.
 */
export function streamedForm(
  name: string,
  bytes: number,
  chunk: Buffer,
): { body: Readable; contentType: string; length: number; sent: () => number } {
  const head = fileHead(name);
  let left = bytes;
  let sent = 0;
  let started = false;
  let ended = false;
  const body = new Readable({
    read() {
      let piece: Buffer;
      if (!started) {
        started = true;
        piece = head;
      } else if (left > 0) {
        piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
      } else if (!ended) {
        ended = true;
        piece = TAIL;
      } else {
        this.push(null);
        return;
      }
      sent += piece.length;
      this.push(piece);
    },
  });
  return { body, contentType: MULTIPART_TYPE, length: head.length + bytes + TAIL.length, sent: () => sent };
}
