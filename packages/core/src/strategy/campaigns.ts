/**
 * Segment campaigns: the individuals (B2C customers) of a grade, segment or stage whose rule has
 * a `campaign` are reached as one group, one task per calendar period carrying the list of its
 * customers, not a task each. A shop with fifty thousand consumers in grade C needs one
 * "WeChat campaign for grade C this quarter" with a list to load into the mass-messaging tool,
 * not fifty thousand calls.
 */
import { isoDate } from "../calendar/dates.ts";
import { individualFlags } from "./audience.ts";
import { campaignKey } from "./keys.ts";
import { reviewPeriodOf } from "./periods.ts";
import { priorityOf, readSettings, reason } from "./plans.ts";
import { type PlaybookRule, ruleFor } from "./playbook.ts";
import { checkColumns } from "./tasks.ts";
import type { CampaignCandidate, TaskInput, TaskOptions } from "./types.ts";

/**
 * The campaigns due as of `options.asOf`: for each playbook, each code whose rule has a
 * `campaign` and that has at least one individual customer, a campaign of the calendar period
 * (`campaign.every`) the as-of day falls in, due on the period's last day, with its customers in
 * input order. Its key names the playbook, the code and the period, so a rerun in the same
 * period makes the same campaign (which the database then keeps once). No campaigns when
 * `options.kinds` leaves out "campaign".
 */
export function generateCampaigns(input: TaskInput, options: TaskOptions): CampaignCandidate[] {
  const settings = readSettings(input, options);
  const n = checkColumns(input);
  if (!settings.kinds.has("campaign")) return [];
  const individual = individualFlags(input.customers, options);
  if (!individual) return [];
  const { ids } = input.customers;
  const out: CampaignCandidate[] = [];
  for (const { playbook, codes } of input.playbooks) {
    const rules = new Map<string, PlaybookRule | undefined>();
    const members = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const code = codes[i];
      if (individual[i] !== 1 || code === null || code === undefined) continue;
      let rule = rules.get(code);
      if (!rules.has(code)) {
        rule = ruleFor(playbook, code);
        rules.set(code, rule);
      }
      if (!rule?.campaign) continue;
      let list = members.get(code);
      if (!list) {
        list = [];
        members.set(code, list);
      }
      list.push(ids[i]!);
    }
    for (const [segment, customerIds] of members) {
      const rule = rules.get(segment)!;
      const campaign = rule.campaign!;
      const period = reviewPeriodOf(campaign.every, settings.asOfDay);
      out.push({
        kind: "campaign",
        occasionKey: campaignKey(playbook.name, segment, period.name),
        playbook: playbook.name,
        playbookVersion: playbook.version,
        basis: playbook.basis.kind,
        segment,
        owner: campaign.owner ?? null,
        dueOn: isoDate(period.lastDay),
        priority: priorityOf(rule.priority, "normal"),
        reason: reason("campaign_segment", {
          segment,
          basis: playbook.basis.kind,
          channel: campaign.channel,
          period: period.name,
          customers: customerIds.length,
        }),
        customerIds,
      });
    }
  }
  return out;
}
