/**
 * The care calendar: the festivals and the birthdays (solar or lunar, as each customer keeps it)
 * of the customers in scope that fall in a window, each with the care task generation gave it.
 * A care task appears some days before its occasion (the playbook rule's `daysAhead`) and only
 * where the customer's rule asks for that care, so an occasion further ahead, or one the rule
 * leaves out, has none: the calendar shows what is coming and what is already in hand.
 */
import {
  addDays,
  careKey,
  careOccasions,
  daysBetween,
  type FestivalCode,
  hasMessage,
  issueAsText,
  type LunarDate,
  type Occasion,
  registerCatalog,
  solarToLunar,
  text,
} from "@custra/core";
import { visibleCustomer } from "@custra/db";
import { sql } from "kysely";
import { companyToday } from "../access/actor.service.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { AppError } from "../errors/app-error.ts";
import { parseInput } from "../input.ts";
import { CARE_CALENDAR_MAX_DAYS, type CareCalendarInput, careCalendarSchema } from "./tasks.schemas.ts";

const catalog = {
  "app.tasks.care_window": {
    "zh-CN": "应在开始日期之后、{days} 天以内",
    en: "must be after the start and within {days} days of it",
  },
};
if (!hasMessage("app.tasks.care_window")) registerCatalog(catalog);

/** The days a calendar covers when no end is given: today and the 30 after. */
const DEFAULT_DAYS = 30;
/** The most days a care task comes before its occasion (a rule's care.daysAhead). */
const MAX_DAYS_AHEAD = 60;

/** The care task an occasion has, as far as the calendar shows it. */
export interface CareTask {
  id: number;
  status: string;
  owner: string | null;
  dueOn: string;
}

export interface FestivalDay {
  code: FestivalCode;
  on: string;
  /** The care tasks for this festival of the customers in scope, open and done. */
  tasks: { open: number; done: number };
}

export interface BirthdayDay {
  customerCode: string;
  customerName: string | null;
  owner: string | null;
  occasion: "birthday" | "lunar_birthday";
  /** The solar day it is kept on in the window. */
  on: string;
  /** The lunar date kept, for a lunar birthday. */
  lunar: LunarDate | null;
  /** Its care task; null when there is none (yet, or ever: the rule gives no birthday care). */
  task: CareTask | null;
}

export interface CareCalendar {
  from: string;
  to: string;
  festivals: FestivalDay[];
  /** In date order, then by customer code. */
  birthdays: BirthdayDay[];
}

export async function careCalendar(
  ctx: AppContext,
  input: CareCalendarInput | unknown = {},
): Promise<CareCalendar> {
  requirePermission(ctx.actor, "read");
  const request = parseInput(careCalendarSchema, input ?? {});
  const from = request.from ?? (await companyToday(ctx.handle));
  const to = request.to ?? addDays(from, DEFAULT_DAYS);
  const span = daysBetween(from, to);
  if (span < 0 || span >= CARE_CALENDAR_MAX_DAYS) {
    throw new AppError("APP_INVALID_INPUT", {
      issues: [
        issueAsText({ path: "to", problem: text("app.tasks.care_window", { days: CARE_CALENDAR_MAX_DAYS }) }),
      ],
    });
  }
  const db = ctx.handle.read;
  const customers = await db
    .selectFrom("customers as c")
    .select([
      "c.id",
      "c.code",
      "c.name",
      "c.owner",
      sql<string>`CAST(c.birthday AS TEXT)`.as("birthday"),
      "c.birthday_lunar",
    ])
    .where("c.birthday", "is not", null)
    .where(visibleCustomer(ctx.actor.scope, "c.id"))
    .orderBy("c.code")
    .execute();
  const occasions = careOccasions({
    from,
    to,
    customers: {
      ids: customers.map((_, k) => k),
      birthdays: customers.map((customer) => customer.birthday),
      birthdayLunar: customers.map((customer) => customer.birthday_lunar),
    },
  });

  const birthdayKeys = occasions.birthdays.map((occasion) => careKey(occasion.code, occasion.year));
  const festivalKeys = occasions.festivals.map((occasion) => careKey(occasion.code, occasion.year));
  const tasks = await careTasks(ctx, [...birthdayKeys, ...festivalKeys], addDays(from, -MAX_DAYS_AHEAD));
  const taskOf = new Map(tasks.map((task) => [`${task.customerId} ${task.key}`, task]));

  const birthdays = occasions.birthdays.map((occasion, k): BirthdayDay => {
    const customer = customers[occasion.customerId]!;
    const task = taskOf.get(`${customer.id} ${birthdayKeys[k]}`);
    return {
      customerCode: customer.code,
      customerName: customer.name,
      owner: customer.owner,
      occasion: occasion.code === "lunar_birthday" ? "lunar_birthday" : "birthday",
      on: occasion.on,
      lunar: occasion.code === "lunar_birthday" ? solarToLunar(occasion.on) : null,
      task: task ? { id: task.id, status: task.status, owner: task.owner, dueOn: task.dueOn } : null,
    };
  });
  const festivals = occasions.festivals.map((occasion: Occasion, k): FestivalDay => {
    const of = tasks.filter((row) => row.key === festivalKeys[k]);
    return {
      code: occasion.code as FestivalCode,
      on: occasion.on,
      tasks: {
        open: of.filter((row) => row.status === "open").length,
        done: of.filter((row) => row.status === "done").length,
      },
    };
  });
  return { from, to, festivals, birthdays };
}

/**
 * The care tasks of customers in scope whose occasion key is one of `keys`, due from `dueFrom`
 * on: a key names an occasion of a year for every customer, and the due day keeps the read to
 * the window's tasks rather than every done birthday task of the year.
 */
async function careTasks(ctx: AppContext, keys: readonly string[], dueFrom: string) {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const rows = await ctx.handle.read
    .selectFrom("tasks as t")
    .select([
      "t.id",
      "t.customer_id",
      "t.occasion_key",
      "t.status",
      "t.owner",
      sql<string>`CAST(t.due_on AS TEXT)`.as("due_on"),
    ])
    .where("t.kind", "=", "care")
    .where("t.occasion_key", "in", unique)
    .where("t.due_on", ">=", sql<string>`CAST(${dueFrom} AS DATE)`)
    .where(visibleCustomer(ctx.actor.scope, "t.customer_id"))
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerId: Number(row.customer_id),
    key: row.occasion_key,
    status: row.status,
    owner: row.owner,
    dueOn: row.due_on,
  }));
}
