/**
 * What the CLI adds to an error: the command that fixes it ("run `custra analyze`"). The engine and
 * app name fields and states, never commands; each command's messages file registers the hints
 * of the codes it knows how to fix, and reportError prints the hint under the error.
 */
const hints = new Map<string, string>();

/** Adds hints: error code → catalog key of the hint (filled with the error's params). */
export function registerHints(entries: Readonly<Record<string, string>>): void {
  for (const [code, key] of Object.entries(entries)) {
    if (hints.has(code) && hints.get(code) !== key) throw new Error(`CLI hint defined twice: ${code}`);
    hints.set(code, key);
  }
}

/** The catalog key of the hint for `code`, if any. */
export function hintFor(code: string): string | undefined {
  return hints.get(code);
}
