/**
 * What the API answers, as far as the workbench reads it (packages/server's response schemas and
 * the OpenAPI document at /api/docs are the reference). Written out here because the web app talks
 * HTTP only and must not pull the server's code into the browser bundle.
 */

export interface CurrentUser {
  readonly id: number;
  readonly username: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string | null;
  readonly permissions: readonly string[];
  readonly personalFields: { readonly list: string; readonly detail: string };
  /** Sees every customer: company-wide runs (grading) and previews need it besides their permission. */
  readonly allCustomers: boolean;
}

export interface Session {
  readonly user: CurrentUser;
  readonly csrfToken: string;
}

export interface User {
  readonly id: number;
  readonly username: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly role: string | null;
  readonly active: boolean;
  readonly canSignIn: boolean;
  readonly lockedUntil: string | null;
}

export interface CompanySettings {
  readonly settings: {
    readonly currency: string;
    readonly locale: string;
    readonly timeZone: string;
    /** MM-DD. */
    readonly fiscalYearStart: string;
    readonly businessModel: "b2b" | "b2c" | "mixed";
    /** Empty when the company has no name set. */
    readonly companyName: string;
  };
  /** The settings that take their default (nothing stored). */
  readonly defaults: readonly string[];
}

export interface CustomerListItem {
  readonly id: number;
  readonly code: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly owner: string | null;
  readonly lastPurchase: string | null;
  readonly grade: string | null;
  readonly rfmSegment: string | null;
  readonly abcClass: string | null;
  readonly valueTier: string | null;
  readonly lifecycleStage: string | null;
  readonly churnWarning: string | null;
  /** Why the churn warning was raised (churn reason codes); [] without one. */
  readonly churnReasons: readonly string[];
  readonly churnRisk: number | null;
  readonly revenue: number | null;
  readonly clv: number | null;
  readonly pAlive: number | null;
}

export interface CustomerPage {
  readonly items: readonly CustomerListItem[];
  readonly total: number;
  readonly nextCursor: string | null;
  readonly scheme: string;
}

export interface GradingSchemeDocument {
  readonly definition: {
    readonly grades?: readonly { readonly code: string; readonly label: Record<string, string> }[];
  };
}

/** A grading scheme's version in use, as GET /schemes lists it. */
export interface SchemeSummary {
  readonly name: string;
  readonly version: number;
  readonly definition: { readonly title?: Readonly<Record<string, string>> };
}
