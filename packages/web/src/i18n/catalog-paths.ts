/** Walking a nested message catalogue, for the tests that compare the two languages. */

/** Every key path of a nested message object, e.g. "customers.filters.grade". */
export function keyPaths(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keyPaths(value as object, `${prefix}${key}.`),
  );
}

export function valueAt(messages: object, path: string): string {
  return path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
}

/** The {{placeholders}} of a text, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();
}
