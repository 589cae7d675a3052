import cliProgress from "cli-progress";
import { message } from "./output.ts";

export interface Progress {
  update(value: number, total?: number): void;
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
        format: `${label} [{bar}] {percentage}% | {shown} | {duration_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { shown: format(0) });
    return {
      update: (value, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(Math.max(newTotal, 1));
        bar.update(value, { shown: format(value) });
      },
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update: (value, newTotal) => {
      if (Date.now() - last < PLAIN_INTERVAL_MS) return;
      last = Date.now();
      const of = newTotal ?? total;
      message(`${label}: ${format(value)}${of > 0 ? ` / ${format(of)}` : ""}`);
    },
    stop: () => {},
  };
}
