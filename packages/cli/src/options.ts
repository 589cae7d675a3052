import { InvalidArgumentError } from "commander";
import { t } from "./locale.ts";

export function positiveInt(option: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) {
      throw new InvalidArgumentError(t("cli.error.badNumber", { option, value }));
    }
    return number;
  };
}

export function isoDate(option: string) {
  return (value: string): string => {
    const date = new Date(`${value}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(date.getTime()) ||
      date.toISOString().slice(0, 10) !== value
    ) {
      throw new InvalidArgumentError(t("cli.error.badDate", { option, value }));
    }
    return value;
  };
}

/** Appends repeatable option values (`--map a=b --map c=d`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function examples(lines: readonly string[]): string {
  return `\n${t("cli.help.examples")}\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`;
}
