/**
 * What changed between two versions of a scheme, leaf by leaf: each changed value with its path
 * (`dimensions[0].weight`), its old and its new value. Objects are compared key by key and lists
 * item by item, so a changed weight is one line rather than "the dimensions changed". The
 * `version` number itself is left out: every version differs there.
 */

export type PathPart = string | number;

export interface DefinitionChange {
  readonly path: readonly PathPart[];
  /** Undefined where the value was added. */
  readonly before: unknown;
  /** Undefined where the value was removed. */
  readonly after: unknown;
}

export function definitionDiff(before: unknown, after: unknown): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  walk(before, after, [], changes);
  return changes.filter((change) => !(change.path.length === 1 && change.path[0] === "version"));
}

function walk(before: unknown, after: unknown, path: PathPart[], out: DefinitionChange[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let k = 0; k < Math.max(before.length, after.length); k++) {
      walk(before[k], after[k], [...path, k], out);
    }
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], [...path, key], out);
    return;
  }
  if (!same(before, after)) out.push({ path, before, after });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `dimensions[0].weight`, as the server names a place in a scheme. */
export function pathText(path: readonly PathPart[]): string {
  return path.reduce<string>(
    (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    "",
  );
}
