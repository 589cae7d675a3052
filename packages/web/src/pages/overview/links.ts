/**
 * Chart element → customer list. The list (pages/customers.page.tsx) reads these filters from its
 * URL (industry and region — the province — among them); anything else (a value range, a cohort)
 * it cannot show, so such elements are not links. The list shows the latest analysis run and the "value" scheme's grades: the
 * overview of an older run, or of another scheme's grades, would open a list that counts something
 * else, so those elements are not links either (see `linkable`).
 */

/** URL parameters of the customer list, by what they filter. */
export const LIST_FILTERS = [
  "grade",
  "valueTier",
  "lifecycle",
  "rfmSegment",
  "abcClass",
  "industry",
  "region",
] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export type ListLink = Partial<Record<ListFilter, string>>;

/** The scheme whose grades the list filters by. */
export const LIST_SCHEME = "value";

/** Which filters open the same customers the overview counted, for this run and scheme. */
export function linkable(options: { latestRun: boolean; scheme: string }): ReadonlySet<ListFilter> {
  if (!options.latestRun) return new Set();
  return new Set(LIST_FILTERS.filter((name) => name !== "grade" || options.scheme === LIST_SCHEME));
}

/**
 * The filter an element opens, or undefined when it opens nothing: a filter the list does not
 * have here, or a value that is missing (customers without a grade cannot be filtered for).
 */
export function listLink(
  allowed: ReadonlySet<ListFilter>,
  values: Partial<Record<ListFilter, string | null | undefined>>,
): ListLink | undefined {
  const link: ListLink = {};
  for (const [name, value] of Object.entries(values) as [ListFilter, string | null | undefined][]) {
    if (!allowed.has(name) || value === null || value === undefined || value === "") return undefined;
    link[name] = value;
  }
  return Object.keys(link).length > 0 ? link : undefined;
}

/** The customer list's address for a link. */
export function customersUrl(link: ListLink): string {
  const params = new URLSearchParams();
  for (const name of LIST_FILTERS) {
    const value = link[name];
    if (value) params.set(name, value);
  }
  return `/customers?${params.toString()}`;
}
