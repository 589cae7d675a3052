/**
 * Storing segment campaigns: a campaign row, unique by its occasion key, and its customers in
 * campaign_members. The members are bulk-loaded first under an id taken from the sequence, then
 * the campaign row is inserted (as an analysis run's scores before its run row): members of a
 * campaign that has no row are never read, and are removed again when the row cannot be
 * inserted (another run stored the same campaign first). So a campaign is never seen without its
 * list, and a list of a hundred thousand shoppers costs a bulk load, not a hundred thousand
 * INSERT values (18 s on DuckDB). A campaign whose key exists (open, done or dismissed) is left
 * as it is: a rerun in the same period adds nothing, and customers who join the segment later
 * are in the next period's campaign.
 */
import { type CampaignCandidate, TASK_PRIORITIES } from "@custra/core";
import { type DbHandle, rowBatches } from "@custra/db";
import { sql } from "kysely";
import { nextId } from "../analyze/write-run.ts";

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
    const id = await nextId(handle, "tasks_id_seq");
    const ids = campaign.customerIds;
    await handle.bulkLoad(
      "campaign_members",
      ["customer_id", "campaign_id"],
      rowBatches(ids.length, (k) => [ids[k]!, id]),
    );
    let inserted = false;
    try {
      const { rows } = await sql<{ id: number }>`
        INSERT INTO campaigns (id, occasion_key, playbook, playbook_version, basis, segment, owner, due_on,
                               priority, reason, members)
        SELECT ${id}, ${campaign.occasionKey}, ${campaign.playbook}, ${campaign.playbookVersion},
               ${campaign.basis}, ${campaign.segment}, ${campaign.owner}, CAST(${campaign.dueOn} AS DATE),
               ${TASK_PRIORITIES.indexOf(campaign.priority)},
               CAST(${JSON.stringify(campaign.reason)} AS ${sql.raw(handle.sqlTypes.json)}), ${ids.length}
        WHERE NOT EXISTS (SELECT 1 FROM campaigns WHERE occasion_key = ${campaign.occasionKey})
        RETURNING id`.execute(handle.db);
      inserted = rows.length > 0;
    } finally {
      if (!inserted) await handle.db.deleteFrom("campaign_members").where("campaign_id", "=", id).execute();
    }
    if (inserted)
      written.push({ id, key: campaign.occasionKey, segment: campaign.segment, members: ids.length });
  }
  return written;
}
