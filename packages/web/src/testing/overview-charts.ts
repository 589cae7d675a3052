/** The structure overview's charts, by the test id of their box (`chart-<name>`, pages/overview/overview.page.tsx). */
export const OVERVIEW_CHARTS = [
  "grade-pyramid",
  "migration",
  "lorenz",
  "clv",
  "rfm",
  "tier-lifecycle",
  "industry",
  "region",
  "churn",
  "cohort",
] as const;
