/**
 * What the survey and interaction routes answer, as far as 满意度 reads them
 * (packages/server/src/routes/api/v1/relations.schemas.ts is the reference).
 */

export interface SurveySummary {
  readonly answers: number;
  readonly nps: {
    readonly responses: number;
    readonly promoters: number;
    readonly passives: number;
    readonly detractors: number;
    /** % promoters − % detractors; null without an NPS answer. */
    readonly score: number | null;
  };
  readonly csi: {
    /** 0–100; null without a satisfaction score. */
    readonly overall: number | null;
    readonly items: readonly {
      readonly item: string | null;
      readonly responses: number;
      readonly mean: number;
      readonly index: number;
    }[];
  };
}

export interface SurveyMonth extends SurveySummary {
  /** YYYY-MM. */
  readonly month: string;
}

export interface SurveyBreakdown {
  readonly by: "grade" | "rfmSegment";
  readonly scheme: string;
  readonly groups: readonly (SurveySummary & { readonly code: string | null })[];
}

export interface SurveyFollowUp {
  readonly id: number;
  readonly customerCode: string;
  readonly customerName: string | null;
  readonly owner: string | null;
  readonly answeredOn: string;
  readonly nps: number | null;
  readonly satisfaction: number | null;
  readonly reason: "detractor" | "low_satisfaction";
  readonly followUp: "open" | "done" | "none";
  readonly task: {
    readonly id: number;
    readonly status: string;
    readonly owner: string | null;
    readonly dueOn: string;
    readonly doneAt: string | null;
  } | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly nextCursor: string | null;
}

export interface ComplaintSummary {
  readonly total: number;
  readonly open: number;
  readonly resolved: number;
  readonly openPastDeadline: number;
  readonly deadlineHours: number;
  readonly resolvedHours: { readonly median: number | null; readonly mean: number | null };
  readonly openHours: { readonly median: number | null; readonly longest: number | null };
  readonly durations: readonly { readonly code: string; readonly resolved: number; readonly open: number }[];
}

export interface Interaction {
  readonly id: number;
  readonly customerCode: string;
  readonly customerName: string | null;
  readonly kind: string;
  readonly occurredAt: string;
  readonly summary: string | null;
  readonly owner: string | null;
  readonly resolvedAt: string | null;
}
