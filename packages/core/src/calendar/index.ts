// The public API of the Chinese calendar: dates, lunar conversion, festivals and birthdays.
export * from "./birthdays.ts";
export * from "./codes.ts";
export {
  addDays,
  type CivilDate,
  civilFromDays,
  dayNumber,
  daysBetween,
  daysFromCivil,
  daysInMonth,
  type IsoDate,
  isIsoDate,
  isLeapYear,
  isoDate,
  parseDay,
} from "./dates.ts";
export { CalendarError, type CalendarErrorCode, isCalendarError } from "./errors.ts";
export {
  type DatedOccasion,
  festivalDate,
  festivalDay,
  festivalsBetween,
  festivalsInDays,
  type Occasion,
} from "./festivals.ts";
export {
  LUNAR_SUPPORTED_RANGE,
  type LunarDate,
  leapMonthOf,
  lunarAnniversaryDay,
  lunarMonthDays,
  lunarToSolar,
  solarToLunar,
} from "./lunar.ts";
export { occasionLabel, registerCalendarMessages } from "./messages.ts";
export * from "./occasions.ts";
