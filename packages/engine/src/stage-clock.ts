/**
 * Milliseconds per stage of a long job (analysis, grading, task generation): each stage's time
 * runs from the end of the one before, and `start` tells the caller's progress display.
 */
export interface StageClock<S extends string> {
  readonly timings: Partial<Record<S, number>>;
  start(stage: S): void;
  done(stage: S): void;
}

export function stageClock<S extends string>(onStage?: (stage: S) => void): StageClock<S> {
  const timings: Partial<Record<S, number>> = {};
  let clock = performance.now();
  return {
    timings,
    start(stage) {
      onStage?.(stage);
    },
    done(stage) {
      const now = performance.now();
      timings[stage] = Math.round(now - clock);
      clock = now;
    },
  };
}
