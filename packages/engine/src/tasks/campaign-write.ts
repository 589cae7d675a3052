/**
 * Storing segment campaigns: a campaign row, unique by its occasion key, and its customers in
 * campaign_members, written together in one transaction so that a campaign is never seen without
 * its list. A campaign whose key exists (open, done or dismissed) is left as it is: a rerun in
 * the same period adds nothing, and customers who join the segment later are in the next
 * period's campaign.
 */
import { type CampaignCandidate, TASK_PRIORITIES } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { sql } from "kysely";

/** Members per INSERT: two parameters each, well under PostgreSQL's 65 535 per statement. */
const MEMBERS_PER_INSERT = 5000;

export interface WrittenCampaign {
  id: number;
  key: string;
  segment: string;
  members: number;
}

/** Inserts the campaigns not stored yet, with their members, and returns them. */
export async function writeCampaigns(
  handle: DbHandle,
  campaigns: readonly CampaignCandidate[],
): Promise<WrittenCampaign[]> {
  if (campaigns.length === 0) return [];
  const existing = new Set(
    (
      await handle.db
        .selectFrom("campaigns")
        .select("occasion_key")
        .where(
          "occasion_key",
          "in",
          campaigns.map((c) => c.occasionKey),
        )
        .execute()
    ).map((row) => row.occasion_key),
  );
  const written: WrittenCampaign[] = [];
  for (const campaign of campaigns) {
    if (existing.has(campaign.occasionKey)) continue;
    const id = await handle.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO campaigns (occasion_key, playbook, playbook_version, basis, segment, owner, due_on,
                               priority, reason, members)
        SELECT ${campaign.occasionKey}, ${campaign.playbook}, ${campaign.playbookVersion}, ${campaign.basis},
               ${campaign.segment}, ${campaign.owner}, CAST(${campaign.dueOn} AS DATE),
               ${TASK_PRIORITIES.indexOf(campaign.priority)}, CAST(${JSON.stringify(campaign.reason)} AS ${sql.raw(handle.sqlTypes.json)}),
               ${campaign.customerIds.length}
        WHERE NOT EXISTS (SELECT 1 FROM campaigns WHERE occasion_key = ${campaign.occasionKey})
        RETURNING id`.execute(trx);
      const row = rows[0];
      if (!row) return undefined;
      const campaignId = Number(row.id);
      const ids = campaign.customerIds;
      for (let start = 0; start < ids.length; start += MEMBERS_PER_INSERT) {
        await trx
          .insertInto("campaign_members")
          .values(
            ids
              .slice(start, start + MEMBERS_PER_INSERT)
              .map((customer_id) => ({ customer_id, campaign_id: campaignId })),
          )
          .execute();
      }
      return campaignId;
    });
    if (id !== undefined) {
      written.push({
        id,
        key: campaign.occasionKey,
        segment: campaign.segment,
        members: campaign.customerIds.length,
      });
    }
  }
  return written;
}
