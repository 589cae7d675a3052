// The public API of strategies: playbooks, their ready-made versions, task generation and reasons.
// Helpers of errors.ts and messages.ts stay internal so that `export * from "./strategy/index.ts"`
// in the core index cannot collide with other areas' names.

export { assignUnowned, individualFlags } from "./audience.ts";
export * from "./builtin.ts";
export * from "./campaigns.ts";
export * from "./codes.ts";
export { isStrategyError, type PlaybookIssue, StrategyError, type StrategyErrorCode } from "./errors.ts";
export * from "./keys.ts";
export { registerStrategyMessages, strategyLabel } from "./messages.ts";
export { agingBucket, agingBucketStart, type CalendarPeriod, reviewPeriodOf } from "./periods.ts";
export * from "./playbook.ts";
export { type ReasonTextOptions, reasonText } from "./reasons.ts";
export * from "./tasks.ts";
export type * from "./types.ts";
