/**
 * Helpers for turning a validation issue (zod's) into a message that names where the problem is,
 * shared by the documents custra validates (grading schemes, playbooks).
 */

/**
 * `["dimensions", 2, "weight"]` → `dimensions[2].weight`; keys that are not names are quoted; the
 * empty path is `root` (the document itself, in the reader's language).
 */
export function formatIssuePath(path: readonly PropertyKey[], root: string): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(part))) out += out ? `.${String(part)}` : String(part);
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out || root;
}

/** Message parameters as numbers or text, whatever the validator put in them. */
export function messageParams(params: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params))
    out[key] = typeof value === "number" ? value : String(value);
  return out;
}
