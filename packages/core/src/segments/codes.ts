/**
 * The stable codes the rules return. Codes are stored in the database, compared in grading
 * schemes and sent over the API, so they never change with the language; `label(kind, code)`
 * renders them for people.
 */

/** The 11 named RFM segments, plus customers without a purchase. */
export const RFM_SEGMENTS = [
  "champions",
  "loyal",
  "potential_loyalist",
  "new_customers",
  "promising",
  "need_attention",
  "about_to_sleep",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
  "no_purchase",
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** The Chinese 8-class RFM convention (重要价值客户 …), plus customers without a purchase. */
export const RFM8_CLASSES = [
  "important_value",
  "important_develop",
  "important_maintain",
  "important_retain",
  "general_value",
  "general_develop",
  "general_maintain",
  "general_retain",
  "no_purchase",
] as const;
export type Rfm8Class = (typeof RFM8_CLASSES)[number];

export const ABC_CLASSES = ["A", "B", "C"] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

export const VALUE_TIERS = ["high", "mid", "low"] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

export const BEHAVIOUR_STATUSES = ["active", "potential", "churned"] as const;
export type BehaviourStatus = (typeof BEHAVIOUR_STATUSES)[number];

/** Lifecycle stages; `prospect` is a customer who has not bought yet, before the cycle starts. */
export const LIFECYCLE_STAGES = ["prospect", "new", "growing", "mature", "declining", "lost"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Credit grades; `unrated` customers have no invoices to judge by. */
export const CREDIT_GRADES = ["good", "fair", "poor", "unrated"] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/**
 * NPS categories of one answer; `csat_only` when the latest survey has a satisfaction score but no
 * NPS answer (many surveys ask only "how satisfied were you, 1–5"), `unanswered` when there is no
 * answer at all: a customer who told us how satisfied they are is not silent.
 */
export const NPS_CATEGORIES = ["promoter", "passive", "detractor", "csat_only", "unanswered"] as const;
export type NpsCategory = (typeof NPS_CATEGORIES)[number];

export const WARNING_LEVELS = ["none", "watch", "warning", "critical"] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** Factors that can set churned and at-risk customers apart. */
export const CHURN_REASONS = [
  "complaints",
  "detractor",
  "payment_trouble",
  "falling_order_value",
  "lost_categories",
  "low_satisfaction",
] as const;
export type ChurnReason = (typeof CHURN_REASONS)[number];

/** Every labelled code family, by the name `label` takes. */
export interface SegmentCodes {
  rfm: RfmSegment;
  rfm8: Rfm8Class;
  abc: AbcClass;
  valueTier: ValueTier;
  behaviour: BehaviourStatus;
  lifecycle: LifecycleStage;
  credit: CreditGrade;
  nps: NpsCategory;
  warning: WarningLevel;
  reason: ChurnReason;
}
export type SegmentCodeKind = keyof SegmentCodes;
