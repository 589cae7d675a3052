/**
 * What the import routes answer, as far as the import page reads them (packages/server's
 * routes/api/v1/imports.routes.ts and jobs.routes.ts; /api/docs has them all).
 */

/** A message of the server with its rendering in the reader's language. */
export interface RenderedText {
  readonly key: string;
  readonly params?: Record<string, unknown>;
  readonly text: string;
}

export interface ImportableField {
  readonly name: string;
  /** code, text, int, decimal, date, timestamp, bool, enum, tags or json. */
  readonly kind: string;
  readonly required: boolean;
  readonly values?: readonly string[];
}

export interface ImportableEntity {
  readonly name: string;
  readonly key: string;
  readonly derivesKey: boolean;
  /** Where a column that holds no field is kept (customers: their free attributes); else ignored. */
  readonly extraField: string | null;
  readonly fields: readonly ImportableField[];
}

export interface ColumnUse {
  readonly column: string;
  readonly position: number;
  readonly use: "field" | "attribute" | "ignored";
  readonly field?: string;
  readonly attribute?: string;
  readonly matchedBy?: "map" | "name" | "alias";
}

export interface ImportMapping {
  readonly entity: string;
  readonly columns: readonly ColumnUse[];
  readonly defaults: Record<string, string>;
  readonly derivedKey: boolean;
}

export interface ImportPreview {
  readonly file: string;
  readonly format: "csv" | "xlsx";
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly headers: readonly string[];
  readonly mapping: ImportMapping;
  readonly headerProblems: readonly RenderedText[];
  /** Required fields no column holds. */
  readonly missing: readonly string[];
  readonly warnings: readonly RenderedText[];
  readonly rows: readonly {
    readonly line: number;
    readonly cells: readonly (string | number | boolean | null)[];
    /** Each mapped field as the import would store it. */
    readonly read: Record<string, string | null>;
    readonly problems: readonly { readonly column: string; readonly reason: RenderedText }[];
    readonly problem?: RenderedText;
  }[];
}

export interface RowProblem {
  readonly file: string;
  readonly line: number;
  /** The column's header; "*" for the row as a whole. */
  readonly column: string;
  readonly reason: RenderedText;
  readonly kind: string;
}

export interface ImportResult {
  readonly entity: string;
  readonly file: string;
  readonly written: boolean;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly problems: readonly RowProblem[];
  readonly problemCount: number;
}

export interface JobProgress {
  readonly stage: string;
  readonly done?: number;
  readonly total?: number;
}

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly status: "queued" | "running" | "succeeded" | "failed";
  readonly progress: JobProgress | null;
  readonly result: ImportResult | null;
  readonly error: { readonly code: string; readonly detail?: string } | null;
}

export interface ImportHistoryEntry {
  readonly id: number;
  readonly entity: string;
  readonly file: string;
  readonly skipInvalid: boolean;
  readonly status: Job["status"];
  readonly by: { readonly username: string; readonly name: string | null } | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly rows: {
    readonly read: number;
    readonly inserted: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly rejected: number;
  } | null;
  readonly error: { readonly code: string; readonly detail?: string } | null;
}

export interface ImportHistoryPage {
  readonly imports: readonly ImportHistoryEntry[];
  readonly nextCursor: number | null;
}

export interface StoredProfile {
  readonly name: string;
  readonly version: number;
  readonly entity: string;
  readonly profile: ProfileDocument;
  readonly createdAt: string;
}

/** An import profile document (core's ImportProfile), as far as the page writes it. */
export interface ProfileDocument {
  readonly columns?: Record<string, string>;
  readonly date_format?: string;
  readonly [other: string]: unknown;
}
