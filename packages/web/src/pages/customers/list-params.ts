/**
 * The customer list's state in its URL query, as GET /api/v1/customers names it: lists repeated
 * (grade=A&grade=B), dates as YYYY-MM-DD, the sort and the page size. A saved view keeps the same
 * names (without the page cursor), so opening one is setting the URL.
 */

/** Filters with several values, any of which matches. */
export const MULTI_FILTERS = [
  "grade",
  "valueTier",
  "lifecycle",
  "rfmSegment",
  "abcClass",
  "churnWarning",
  "creditGrade",
  "industry",
  "region",
  "owner",
  "department",
  "tags",
] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];

/** Day ranges: from and to, both included, either may be open. */
export const DATE_RANGES = {
  registered: ["registeredFrom", "registeredTo"],
  lastPurchase: ["lastPurchaseFrom", "lastPurchaseTo"],
} as const;
export type DateRange = keyof typeof DATE_RANGES;
const DATE_PARAMS = Object.values(DATE_RANGES).flat();

/** Everything that selects customers (what "clear filters" clears). */
export const FILTER_PARAMS: readonly string[] = [...MULTI_FILTERS, ...DATE_PARAMS, "search"];
/** What a saved view keeps: the filters, the sort and the page size; never the page itself. */
export const VIEW_PARAMS: readonly string[] = [...FILTER_PARAMS, "sort", "order", "limit"];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The API query of the list's filters in `params` (a date that is not a day is left out). */
export function listQuery(params: URLSearchParams): Record<string, string | string[] | undefined> {
  const query: Record<string, string | string[] | undefined> = {};
  for (const name of MULTI_FILTERS) {
    const values = params.getAll(name).filter((value) => value !== "");
    if (values.length > 0) query[name] = values;
  }
  for (const name of DATE_PARAMS) {
    const value = params.get(name);
    if (value && DAY.test(value)) query[name] = value;
  }
  const search = params.get("search");
  if (search) query.search = search;
  return query;
}

export function isFiltered(params: URLSearchParams): boolean {
  return Object.keys(listQuery(params)).length > 0;
}

/** A saved view's document: the URL's view parameters (name → values) and the columns shown. */
export interface ViewState {
  readonly params: Record<string, string[]>;
  readonly columns?: readonly string[];
}

export function viewState(params: URLSearchParams, columns: readonly string[]): ViewState {
  const kept: Record<string, string[]> = {};
  for (const name of VIEW_PARAMS) {
    const values = params.getAll(name).filter((value) => value !== "");
    if (values.length > 0) kept[name] = values;
  }
  return { params: kept, columns: [...columns] };
}

/** The URL query a saved view opens (parameters this page does not know are dropped). */
export function viewParams(state: unknown): URLSearchParams {
  const next = new URLSearchParams();
  const params = (state as Partial<ViewState> | null)?.params;
  if (params && typeof params === "object") {
    for (const name of VIEW_PARAMS) {
      const values = (params as Record<string, unknown>)[name];
      if (Array.isArray(values))
        for (const value of values) if (typeof value === "string") next.append(name, value);
    }
  }
  return next;
}

/** The columns a saved view shows, if it says (only known ones). */
export function viewColumns(state: unknown, known: readonly string[]): string[] | undefined {
  const columns = (state as Partial<ViewState> | null)?.columns;
  if (!Array.isArray(columns)) return undefined;
  return columns.filter((key): key is string => typeof key === "string" && known.includes(key));
}
