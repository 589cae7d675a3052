import cliProgress from "cli-progress";
import { message } from "./output.ts";

export interface Progress {
  update(value: number, total?: number): void;
  /** Names the step now running (e.g. from reading a file to writing it). */
  setLabel(label: string): void;
  stop(): void;
}

const PLAIN_INTERVAL_MS = 10_000;

/**
 * A progress bar on a terminal; elsewhere (pipes, CI logs) a plain line at most every ten
 * seconds, so long jobs show they are alive without flooding logs.
 */
export function startProgress(label: string, total: number, unit: "bytes" | "count" = "count"): Progress {
  const format = (value: number) => (unit === "bytes" ? `${(value / 1048576).toFixed(1)} MB` : String(value));
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{label} [{bar}] {percentage}% | {shown} | {duration_formatted}",
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let of = total;
    const shown = (value: number) => (of > 0 ? `${format(value)} / ${format(of)}` : format(value));
    bar.start(Math.max(total, 1), 0, { label, shown: shown(0) });
    return {
      update: (value, newTotal) => {
        if (newTotal !== undefined) {
          of = newTotal;
          bar.setTotal(Math.max(newTotal, 1));
        }
        bar.update(value, { shown: shown(value) });
      },
      setLabel: (next) => bar.update({ label: next }),
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  let current = label;
  return {
    update: (value, newTotal) => {
      if (Date.now() - last < PLAIN_INTERVAL_MS) return;
      last = Date.now();
      const of = newTotal ?? total;
      message(`${current}: ${format(value)}${of > 0 ? ` / ${format(of)}` : ""}`);
    },
    setLabel: (next) => {
      current = next;
    },
    stop: () => {},
  };
}
