import { GradingError } from "./errors.ts";
import type { GradingScheme } from "./scheme.ts";

/**
 * Grade codes as indices into the scheme's grades (0 = best), for the summaries that count by
 * grade. A code the scheme does not have is an error that names where it is (`to.grades[17]`):
 * comparing runs of different grade sets would count customers under grades that do not exist.
 */
export function gradeIndices(scheme: GradingScheme, grades: readonly string[], where: string): Uint8Array {
  const index = new Map(scheme.grades.map((grade, k) => [grade.code, k]));
  const out = new Uint8Array(grades.length);
  for (let i = 0; i < grades.length; i++) {
    const k = index.get(grades[i]!);
    if (k === undefined) {
      throw new GradingError("GRADING_UNKNOWN_GRADE", {
        where: `${where}[${i}]`,
        grade: String(grades[i]),
        scheme: scheme.name,
        grades: scheme.grades.map((grade) => grade.code).join(", "),
      });
    }
    out[i] = k;
  }
  return out;
}

/** `x` when it is a number, else 0: unknown money counts as none in sums. */
export function knownOrZero(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}
