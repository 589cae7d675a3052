import { CustraError } from "../errors/custra-error.ts";
import type { TextParams } from "../errors/text.ts";
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

/** A date or calendar code the calendar cannot work with. */
export class CalendarError extends CustraError<CalendarErrorCode> {
  override readonly name = "CalendarError";
  constructor(code: CalendarErrorCode, params: TextParams = {}) {
    super(code, MESSAGE_KEYS[code], params);
  }
}

export function isCalendarError(error: unknown, code?: CalendarErrorCode): error is CalendarError {
  return error instanceof CalendarError && (code === undefined || error.code === code);
}
