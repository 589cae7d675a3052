/**
 * Personal fields as a reader's role allows them (DESIGN.md §8): shown, masked (138****5678) or
 * hidden (null), separately in lists and in the detail view. Masking happens on the data a use
 * case returns, before it leaves the app layer, so no client ever receives what it may not show.
 */
import type { Actor, FieldVisibility } from "./actor.ts";

/** Where a row is shown: a list minimises more than the detail view of one customer. */
export type View = "list" | "detail";

/** The personal fields of customers and of their contacts, by column name. */
export const CUSTOMER_PERSONAL_FIELDS = ["phone", "email", "address", "birthday"] as const;
export const CONTACT_PERSONAL_FIELDS = ["phone", "email"] as const;

export type PersonalField = "phone" | "email" | "address" | "birthday";

/** 13812345678 → 138****5678: the first three and last four digits of a number long enough to keep them. */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value.length >= 8) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  if (value.length >= 3) return `${value.slice(0, 1)}****${value.slice(-1)}`;
  return "****";
}

/** zhang.san@example.com → z***@example.com: the domain says little about the person. */
export function maskEmail(email: string): string {
  const value = email.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0) return "****";
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

/** 浙江省杭州市西湖区文三路 100 号 → 浙江省杭州市****: the first six characters, about province and city. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  return chars.length > 6 ? `${chars.slice(0, 6).join("")}****` : "****";
}

/** 1990-05-12 → 1990-**-**: the year (an age band) without the day that identifies. */
export function maskBirthday(birthday: string): string {
  return /^\d{4}-/.test(birthday) ? `${birthday.slice(0, 4)}-**-**` : "****";
}

const MASKS: Record<PersonalField, (value: string) => string> = {
  phone: maskPhone,
  email: maskEmail,
  address: maskAddress,
  birthday: maskBirthday,
};

export function visibilityIn(actor: Actor, view: View): FieldVisibility {
  return actor.personalFields[view];
}

/**
 * `row` with its personal `fields` as `actor` may see them in `view`: unchanged, masked, or null.
 * Fields the row does not have, and null values, stay as they are.
 */
export function applyFieldRights<T extends object>(
  actor: Actor,
  view: View,
  row: T,
  fields: readonly PersonalField[] = CUSTOMER_PERSONAL_FIELDS,
): T {
  const visibility = visibilityIn(actor, view);
  if (visibility === "show") return row;
  const copy = { ...row } as Record<string, unknown>;
  for (const field of fields) {
    if (!(field in copy)) continue;
    const value = copy[field];
    if (value === null || value === undefined) continue;
    copy[field] = visibility === "hide" ? null : MASKS[field](String(value));
  }
  return copy as T;
}

/** `rows` as `actor` may see them in `view`. */
export function applyFieldRightsToRows<T extends object>(
  actor: Actor,
  view: View,
  rows: readonly T[],
  fields: readonly PersonalField[] = CUSTOMER_PERSONAL_FIELDS,
): T[] {
  return rows.map((row) => applyFieldRights(actor, view, row, fields));
}
