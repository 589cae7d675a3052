/**
 * The stable codes of care occasions. They are stored in task keys and playbooks, so they never
 * change with the language; `occasionLabel(code)` renders them for people.
 */

/**
 * The festivals custra sends care for: the two solar holidays every Chinese company marks (元旦,
 * 国庆) and the four lunar festivals customers expect a greeting or gift on (春节, 元宵, 端午,
 * 中秋). Order is calendar order, the order people list them in.
 */
export const FESTIVALS = [
  "new_year",
  "spring_festival",
  "lantern",
  "dragon_boat",
  "mid_autumn",
  "national_day",
] as const;
export type FestivalCode = (typeof FESTIVALS)[number];

/** A birthday kept by the solar calendar or by the lunar one (many older customers keep 农历生日). */
export const BIRTHDAY_OCCASIONS = ["birthday", "lunar_birthday"] as const;
export type BirthdayOccasion = (typeof BIRTHDAY_OCCASIONS)[number];

export const OCCASIONS = [...BIRTHDAY_OCCASIONS, ...FESTIVALS] as const;
export type OccasionCode = BirthdayOccasion | FestivalCode;

export function isFestivalCode(code: unknown): code is FestivalCode {
  return typeof code === "string" && (FESTIVALS as readonly string[]).includes(code);
}
