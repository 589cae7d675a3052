/**
 * What each invoice has been paid as of a date, written once: the analysis (credit, receivables),
 * the overdue-invoice tasks and the invoice lists with their aging all read it from here, so that
 * they cannot disagree on what is open. The rule:
 * - a payment pays the invoice whose external_id its invoice_external_id names, of the same
 *   customer (a payment naming another customer's invoice pays nothing); a payment with no
 *   invoice pays none;
 * - only payments made on or before the as-of date count;
 * - an invoice is due on its due date, or on the day of issue when the due date lies before it
 *   (a cash sale is due on issue).
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * A derived table (give it an alias) of every invoice with: customer_id, id, external_id,
 * order_external_id, issued_on, due_on, due (the effective due date), amount, paid (0 without
 * payments) and last_paid (null without payments). `customers`, when given, limits both the
 * invoices and the payments summed to the customers it holds for (it is called with a customer id
 * column): a scope or one customer, so that the sum does not run over every payment.
 */
export function invoiceBalances(
  asOf: string,
  customers?: (column: string) => Expression<SqlBool>,
): RawBuilder<unknown> {
  const asOfDate = sql`CAST(${asOf} AS DATE)`;
  const of = (column: string) => (customers ? sql`AND ${customers(column)}` : sql``);
  return sql`(
    SELECT i.customer_id, i.id, i.external_id, i.order_external_id, i.issued_on, i.due_on,
           CASE WHEN i.due_on < i.issued_on THEN i.issued_on ELSE i.due_on END AS due,
           i.amount, COALESCE(paid_inv.paid, 0) AS paid, paid_inv.last_paid
    FROM invoices i
    LEFT JOIN (
      SELECT pay.customer_id, pay.invoice_external_id, SUM(pay.amount) AS paid, MAX(pay.paid_on) AS last_paid
      FROM payments pay
      WHERE pay.paid_on <= ${asOfDate} AND pay.invoice_external_id IS NOT NULL ${of("pay.customer_id")}
      GROUP BY pay.customer_id, pay.invoice_external_id
    ) paid_inv ON paid_inv.customer_id = i.customer_id AND paid_inv.invoice_external_id = i.external_id
    WHERE TRUE ${of("i.customer_id")}
  )`;
}
