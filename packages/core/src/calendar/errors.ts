import { t } from "../i18n/i18n.ts";
import { type CalendarMessageKey, registerCalendarMessages } from "./messages.ts";

registerCalendarMessages();

export type CalendarErrorCode =
  | "CALENDAR_INVALID_DATE"
  | "CALENDAR_OUT_OF_RANGE"
  | "CALENDAR_INVALID_LUNAR_DATE"
  | "CALENDAR_UNKNOWN_FESTIVAL";

const MESSAGE_KEYS: Record<CalendarErrorCode, CalendarMessageKey> = {
  CALENDAR_INVALID_DATE: "calendar.invalid_date",
  CALENDAR_OUT_OF_RANGE: "calendar.out_of_range",
  CALENDAR_INVALID_LUNAR_DATE: "calendar.invalid_lunar_date",
  CALENDAR_UNKNOWN_FESTIVAL: "calendar.unknown_festival",
};

/** A date or calendar code the calendar cannot work with; `message` is localized. */
export class CalendarError extends Error {
  override readonly name = "CalendarError";
  readonly code: CalendarErrorCode;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: CalendarErrorCode, params: Readonly<Record<string, string | number>> = {}) {
    super(t(MESSAGE_KEYS[code], params));
    this.code = code;
    this.params = params;
  }
}

export function isCalendarError(error: unknown, code?: CalendarErrorCode): error is CalendarError {
  return error instanceof CalendarError && (code === undefined || error.code === code);
}
