/**
 * A campaign's list of customers as a CSV or XLSX file, to load into the tool that sends the
 * campaign (the shop's coupons, WeChat mass messages, an e-mail service). Written through the
 * export writers: whole or not at all, cells that could run as formulas neutralised there.
 * Contact details stay out (data minimisation): the customer code is the key those tools join on.
 */
import { type Locale, t } from "@custra/core";
import type { CustomerScope, DbHandle } from "@custra/db";
import { type ExportColumn, type ExportFormat, openTableWriter } from "../export/writers.ts";
import { GradeError } from "../grade/errors.ts";
import "../grade/messages.ts";
import { campaignMembers, listCampaigns } from "./tasks.ts";

export interface CampaignExportResult {
  campaignId: number;
  format: ExportFormat;
  /** Absolute path of the written file. */
  out: string;
  /** Customers written. */
  rows: number;
}

/** Column names other programs read: never translated. */
const MEMBER_COLUMNS: readonly ExportColumn[] = [
  { header: "customer_code", kind: "text" },
  { header: "name", kind: "text" },
  { header: "type", kind: "text" },
  { header: "province", kind: "text" },
  { header: "city", kind: "text" },
  { header: "owner", kind: "text" },
  { header: "segment", kind: "text" },
];

export async function exportCampaignMembers(
  handle: DbHandle,
  options: {
    id: number;
    format: ExportFormat;
    out: string;
    /** The language of the sheet name. */
    locale: Locale;
    /** Only the members in this scope are written (default all). */
    scope?: CustomerScope;
  },
): Promise<CampaignExportResult> {
  const [campaign] = await listCampaigns(handle, {
    id: options.id,
    status: "all",
    ...(options.scope ? { scope: options.scope } : {}),
  });
  if (!campaign) throw new GradeError("TASK_UNKNOWN_CAMPAIGN", { id: options.id });
  const writer = await openTableWriter(
    options.format,
    options.out,
    MEMBER_COLUMNS,
    t("tasks.sheet.campaign", {}, options.locale),
  );
  let rows = 0;
  try {
    for (const member of await campaignMembers(handle, options.id, undefined, options.scope)) {
      writer.add([
        member.code,
        member.name,
        member.type,
        member.province,
        member.city,
        member.owner,
        campaign.segment,
      ]);
      if (++rows % 5000 === 0) await writer.flush();
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return { campaignId: options.id, format: options.format, out: writer.path, rows };
}
