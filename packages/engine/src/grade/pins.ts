/**
 * Manual grades (`custra grade pin`): an account manager's judgement beats the score until the
 * pin expires or is removed. A customer has at most one pin in force per scheme: a new pin
 * replaces the old one, which stays in the table as history (removed_at set).
 */
import { type GradePin, isIsoDate } from "@custra/core";
import { type CustomerScope, type DbHandle, visibleCustomer } from "@custra/db";
import { requireDefinition } from "./definitions.ts";
import { GradeError } from "./errors.ts";

export interface PinRequest {
  code: string;
  scheme: string;
  grade: string;
  reason: string;
  author: string;
  /** Last day the pin holds, YYYY-MM-DD; without it the pin holds until removed. */
  until?: string;
}

export interface PinView {
  id: number;
  customerCode: string;
  scheme: string;
  grade: string;
  reason: string;
  author: string;
  until: string | null;
  createdAt: Date;
}

export async function pinGrade(handle: DbHandle, request: PinRequest): Promise<PinView> {
  if (request.until !== undefined) checkDate("until", request.until);
  const { definition: scheme } = await requireDefinition(handle, "scheme", request.scheme);
  const grades = scheme.grades.map((grade) => grade.code);
  if (!grades.includes(request.grade)) {
    throw new GradeError("GRADE_UNKNOWN_GRADE", {
      scheme: scheme.name,
      grade: request.grade,
      grades: grades.join(", "),
    });
  }
  const customerId = await customerIdOf(handle, request.code);
  return handle.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("grade_pins")
      .set({ removed_at: new Date() })
      .where("customer_id", "=", customerId)
      .where("scheme_name", "=", scheme.name)
      .where("removed_at", "is", null)
      .execute();
    const row = await trx
      .insertInto("grade_pins")
      .values({
        customer_id: customerId,
        scheme_name: scheme.name,
        grade: request.grade,
        reason: request.reason,
        author: request.author,
        until: request.until ?? null,
      })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    return {
      id: Number(row.id),
      customerCode: request.code,
      scheme: scheme.name,
      grade: request.grade,
      reason: request.reason,
      author: request.author,
      until: request.until ?? null,
      createdAt: row.created_at,
    };
  });
}

/** Removes the customer's pin under the scheme; an error when there is none. */
export async function unpinGrade(handle: DbHandle, code: string, scheme: string): Promise<void> {
  const customerId = await customerIdOf(handle, code);
  const result = await handle.db
    .updateTable("grade_pins")
    .set({ removed_at: new Date() })
    .where("customer_id", "=", customerId)
    .where("scheme_name", "=", scheme)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new GradeError("GRADE_NO_PIN", { code, scheme });
}

/** The pins of a scheme that hold on `asOf`, as the grading takes them. */
export async function pinsInForce(handle: DbHandle, scheme: string, asOf: string): Promise<GradePin[]> {
  const rows = await handle.db
    .selectFrom("grade_pins")
    .select(["customer_id", "grade", "reason", "author", "until"])
    .where("scheme_name", "=", scheme)
    .where("removed_at", "is", null)
    .where((eb) => eb.or([eb("until", "is", null), eb("until", ">=", asOf)]))
    .execute();
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    grade: row.grade,
    reason: row.reason,
    author: row.author,
    ...(row.until ? { until: row.until } : {}),
  }));
}

/**
 * Pins not removed (expired ones included, so that they can be seen and renewed), of a scheme, of
 * the customers in `scope`, or of one customer.
 */
export async function listPins(
  handle: DbHandle,
  scheme?: string,
  scope?: CustomerScope,
  customerId?: number,
): Promise<PinView[]> {
  let query = handle.db
    .selectFrom("grade_pins as p")
    .innerJoin("customers as c", "c.id", "p.customer_id")
    .select(["p.id", "c.code", "p.scheme_name", "p.grade", "p.reason", "p.author", "p.until", "p.created_at"])
    .where("p.removed_at", "is", null);
  if (scheme !== undefined) query = query.where("p.scheme_name", "=", scheme);
  if (scope !== undefined) query = query.where(visibleCustomer(scope, "p.customer_id"));
  if (customerId !== undefined) query = query.where("p.customer_id", "=", customerId);
  const rows = await query.orderBy("p.scheme_name").orderBy("c.code").execute();
  return rows.map((row) => ({
    id: Number(row.id),
    customerCode: row.code,
    scheme: row.scheme_name,
    grade: row.grade,
    reason: row.reason,
    author: row.author,
    until: row.until,
    createdAt: row.created_at,
  }));
}

export async function customerIdOf(handle: DbHandle, code: string): Promise<number> {
  const row = await handle.db
    .selectFrom("customers")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  if (!row) throw new GradeError("GRADE_UNKNOWN_CUSTOMER", { code });
  return Number(row.id);
}

export function checkDate(name: string, value: string): void {
  if (!isIsoDate(value)) throw new GradeError("GRADE_INVALID_DATE", { name, value });
}
