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

export interface CustomerGrade {
  readonly scheme: string;
  readonly schemeTitle: string;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly score: number | null;
  readonly asOf: string;
}

export interface Customer360 {
  readonly customer: {
    readonly code: string;
    readonly name: string | null;
    readonly type: string | null;
    readonly industry: string | null;
    readonly province: string | null;
    readonly city: string | null;
    readonly phone: string | null;
    readonly email: string | null;
    readonly address: string | null;
    readonly owner: string | null;
    readonly registered_on: string | null;
    readonly birthday: string | null;
    readonly tags: unknown;
  };
  readonly run?: { readonly asOf: string };
  readonly scores?: {
    readonly pAlive: number | null;
    readonly expectedPurchases: number | null;
    readonly clv: number | null;
    readonly revenue: number;
    readonly orders: number;
    readonly churnRisk: number | null;
    readonly churnWarning: string | null;
    readonly valueTier: string | null;
    readonly lifecycleStage: string | null;
    readonly abcClass: string | null;
    readonly creditGrade: string | null;
    readonly rfm: { readonly segment: string | null };
  };
  readonly grades: readonly CustomerGrade[];
  readonly contacts: readonly {
    readonly id: number;
    readonly name: string;
    readonly title: string | null;
    readonly role: string | null;
    readonly attitude: string | null;
    readonly phone: string | null;
    readonly email: string | null;
  }[];
  readonly tasks: readonly {
    readonly id: number;
    readonly kind: string;
    readonly dueOn: string;
    readonly priority: string;
    readonly status: string;
    readonly owner: string | null;
  }[];
  readonly recommendations: readonly {
    readonly productId: number;
    readonly sku: string;
    readonly name: string;
    readonly category: string | null;
    readonly score: number;
  }[];
  readonly interactions: readonly {
    readonly id: number;
    readonly kind: string;
    readonly occurredAt: string;
    readonly summary: string | null;
    readonly owner: string | null;
    readonly resolvedAt: string | null;
  }[];
  readonly surveys: {
    readonly answers: readonly {
      readonly id: number;
      readonly answeredOn: string;
      readonly nps: number | null;
      readonly item: string | null;
      readonly satisfaction: number | null;
      readonly comment: string | null;
    }[];
    readonly summary: { readonly answers: number; readonly nps: { readonly score: number | null } };
  };
  readonly orders: readonly {
    readonly id: number;
    readonly externalId: string;
    readonly orderDate: string;
    readonly amount: number;
    readonly margin: number | null;
    readonly lineCount: number;
    readonly status: string | null;
  }[];
  readonly invoices: readonly {
    readonly id: number;
    readonly externalId: string;
    readonly issuedOn: string;
    readonly dueOn: string;
    readonly amount: number;
    readonly openAmount: number;
    readonly daysOverdue: number;
    readonly bucket: string;
  }[];
  readonly aging: {
    readonly openAmount: number;
    readonly overdueAmount: number;
    readonly openInvoices: number;
  };
  readonly payments: readonly {
    readonly id: number;
    readonly externalId: string;
    readonly paidOn: string;
    readonly amount: number;
    readonly invoiceExternalId: string | null;
  }[];
}
