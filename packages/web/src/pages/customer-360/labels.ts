/**
 * How the 360 page names codes and what it shows of grades: a code of a family the workbench
 * labels (contactRole, interactionKind, aging …) by its label, unknown codes as they are; a
 * grade as it holds now, the pin in force over the graded one.
 */
import type { TFunction } from "i18next";
import type { CustomerGrade } from "./customer-360.types.ts";

export function codeLabel(t: TFunction, family: string, code: string | null | undefined): string {
  return code ? t(`${family}.${code}`, { defaultValue: code }) : t("common.none");
}

/** The customer's grade under a scheme now: a pin in force beats the graded one (DESIGN.md §4). */
export function currentGrade(grade: CustomerGrade): { grade: string; label: string; pinned: boolean } {
  const pin = grade.currentPin;
  return pin?.inForce
    ? { grade: pin.grade, label: pin.gradeLabel, pinned: true }
    : { grade: grade.grade, label: grade.gradeLabel, pinned: false };
}

/** The default scheme (value) first: the grade the list and the playbooks go by; the others by title. */
export function byScheme(grades: readonly CustomerGrade[]): CustomerGrade[] {
  return [...grades].sort(
    (a, b) =>
      Number(b.scheme === "value") - Number(a.scheme === "value") ||
      a.schemeTitle.localeCompare(b.schemeTitle),
  );
}

/** The query keys of the page: the view, and a scheme's explanation and history of a customer. */
export const customerKey = (code: string) => ["customer", code] as const;
export const explanationKey = (code: string, scheme: string) => ["customer-grade", code, scheme] as const;
