/**
 * What the 360 page reads from the API: GET /customers/:code, and the grade explanation and
 * history of GET /grades/customers/:code/… (packages/server's response schemas are the reference).
 */

export interface CustomerPin {
  readonly id: number;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly reason: string;
  readonly author: string;
  readonly until: string | null;
  readonly createdAt: string;
  /** Its last day is today or later, or it has none: the customer's grade from now on. */
  readonly inForce: boolean;
}

export interface CustomerGrade {
  readonly scheme: string;
  readonly schemeTitle: string;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly score: number | null;
  readonly asOf: string;
  /** This run's grade was decided by a pin. */
  readonly pinned: boolean;
  readonly currentPin: CustomerPin | null;
}

export interface CustomerScores {
  readonly pAlive: number | null;
  readonly expectedPurchases: number | null;
  readonly expectedSpend: number | null;
  readonly clv: number | null;
  readonly monetary: number | null;
  readonly revenue: number;
  readonly revenue12m: number;
  readonly margin: number;
  readonly orders: number;
  readonly recencyDays: number | null;
  readonly churnRisk: number | null;
  readonly churnWarning: string | null;
  readonly churnReasons: readonly string[];
  readonly valueTier: string | null;
  readonly lifecycleStage: string | null;
  readonly abcClass: string | null;
  readonly creditGrade: string | null;
  readonly rfm: {
    readonly r: number | null;
    readonly f: number | null;
    readonly m: number | null;
    readonly segment: string | null;
  };
}

export interface Contact {
  readonly id: number;
  readonly name: string;
  readonly title: string | null;
  readonly role: string | null;
  /** 1 (none) – 5 (decisive). */
  readonly influence: number | null;
  readonly attitude: string | null;
  /** As the reader's detail rights allow: shown, masked by the server, or null. */
  readonly phone: string | null;
  readonly email: string | null;
}

export interface Interaction {
  readonly id: number;
  readonly kind: string;
  readonly occurredAt: string;
  readonly summary: string | null;
  readonly owner: string | null;
  readonly resolvedAt: string | null;
}

export interface Order {
  readonly id: number;
  readonly externalId: string;
  readonly orderDate: string;
  readonly amount: number;
  readonly margin: number | null;
  readonly lineCount: number;
  readonly status: string | null;
}

export interface Invoice {
  readonly id: number;
  readonly externalId: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly amount: number;
  readonly paidAmount: number;
  readonly openAmount: number;
  readonly daysOverdue: number;
  readonly bucket: string | null;
}

export interface Payment {
  readonly id: number;
  readonly externalId: string;
  readonly paidOn: string;
  readonly amount: number;
  readonly invoiceExternalId: string | null;
}

export interface SurveyAnswer {
  readonly id: number;
  readonly answeredOn: string;
  readonly nps: number | null;
  readonly item: string | null;
  readonly satisfaction: number | null;
  readonly comment: string | null;
}

export interface TimelineMonth {
  /** YYYY-MM. */
  readonly month: string;
  readonly purchases: number;
  readonly purchaseAmount: number;
  readonly returns: number;
  /** Returned or credited, as a positive amount. */
  readonly returnAmount: number;
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
  readonly run?: { readonly asOf: string; readonly timeUnit: string; readonly horizon: number };
  readonly scores?: CustomerScores;
  /** The central interval of the expected purchases over the run's horizon; null where none is predicted. */
  readonly purchaseInterval: {
    readonly level: number;
    readonly low: number;
    readonly high: number;
    readonly probabilityNone: number;
  } | null;
  readonly grades: readonly CustomerGrade[];
  readonly contacts: readonly Contact[];
  readonly tasks: readonly {
    readonly id: number;
    readonly kind: string;
    readonly dueOn: string;
    readonly priority: string;
    readonly owner: string | null;
    readonly reasonText: string;
  }[];
  readonly recommendations: readonly {
    readonly productId: number;
    readonly sku: string;
    readonly name: string;
    readonly category: string | null;
    readonly score: number;
    readonly reasonText: string;
  }[];
  readonly interactions: readonly Interaction[];
  readonly surveys: {
    readonly answers: readonly SurveyAnswer[];
    readonly summary: { readonly answers: number; readonly nps: { readonly score: number | null } };
  };
  readonly orders: readonly Order[];
  readonly invoices: readonly Invoice[];
  readonly aging: {
    readonly openAmount: number;
    readonly overdueAmount: number;
    readonly openInvoices: number;
  };
  readonly payments: readonly Payment[];
  readonly timeline: readonly TimelineMonth[];
  /** What the reader may do here; the write routes decide the same. */
  readonly actions: { readonly logInteraction: boolean; readonly pinGrade: boolean };
}

/** Why a customer has their grade under one scheme (GET /grades/customers/:code/explanation). */
export interface GradeExplanation {
  readonly scheme: string;
  readonly schemeTitle: string;
  readonly asOf: string;
  readonly grade: string;
  readonly gradeLabel: string;
  readonly score: number | null;
  /** The grade the score alone gave, before rules and pins. */
  readonly scoreGrade: string;
  readonly components: readonly {
    readonly field: string;
    readonly value: number | string | null;
    readonly normalized: number | null;
    readonly weight: number;
    readonly contribution: number;
    readonly uninformative?: true;
  }[];
  readonly rules: readonly {
    readonly rule: number;
    readonly effect: "set" | "atLeast" | "atMost" | "flag";
    readonly applied: boolean;
    readonly grade?: string;
    readonly flag?: string;
    readonly reason?: string;
  }[];
  readonly pinned: boolean;
  readonly pin?: { readonly grade: string; readonly reason: string; readonly author: string };
  readonly bands: readonly {
    readonly grade: string;
    readonly label: string;
    readonly minScore: number | null;
    readonly share?: number;
  }[];
}

export interface GradeHistoryEntry {
  readonly gradeRunId: number;
  readonly asOf: string;
  readonly grade: string;
  readonly score: number | null;
  readonly pinned: boolean;
}
