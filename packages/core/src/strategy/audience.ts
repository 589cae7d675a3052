/**
 * Who a task goes to and how a customer is reached: the individuals (B2C customers) that
 * campaigns reach as a group, and the people who take the tasks of customers without an owner.
 */
import type { UnownedAssignment } from "./playbook.ts";
import type { Assignee, TaskCustomers, TaskOptions } from "./types.ts";

/** Blank owners in exported data mean nobody. */
export function ownerOf(value: string | null | undefined): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/**
 * 1 for the customers who are individuals: type `individual`, or type unknown where the options
 * take unknown customers for individuals (a B2C company); undefined when nobody is.
 */
export function individualFlags(customers: TaskCustomers, options: TaskOptions): Uint8Array | undefined {
  const unknownIsIndividual = options.unknownCustomerType === "individual";
  const types = customers.customerType;
  if (!types && !unknownIsIndividual) return undefined;
  const n = customers.ids.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const type = types?.[i] ?? null;
    out[i] = type === "individual" || (type === null && unknownIsIndividual) ? 1 : 0;
  }
  return out;
}

/**
 * The owner each customer without one is given by `rule` (see UnownedAssignment): customers
 * without an owner, in input (id) order, are dealt out in turn to the assignees of the team that
 * takes them, so no one gets more than one customer more than a teammate; null for customers who
 * have an owner and where no one can take them. Undefined when there is no rule or no assignee.
 *
 * Dealing out by position among the unowned customers, not by id modulo the team size: ids of
 * the unowned are often all odd or all even (imports that alternate), which a modulo would give
 * to half the team. A customer keeps its assignee as long as the customers before it keep theirs.
 */
export function assignUnowned(
  rule: UnownedAssignment | undefined,
  customers: TaskCustomers,
  assignees: readonly Assignee[],
): (string | null)[] | undefined {
  if (!rule || assignees.length === 0) return undefined;
  const teams = new Map<string | undefined, { people: string[]; next: number }>();
  const teamOf = (team: string | undefined) => {
    let entry = teams.get(team);
    if (!entry) {
      const people = assignees.filter((a) => team === undefined || a.team === team).map((a) => a.name);
      entry = { people, next: 0 };
      teams.set(team, entry);
    }
    return entry;
  };
  const regions = rule.by === "region" ? (rule.regions ?? {}) : {};
  const n = customers.ids.length;
  const out = new Array<string | null>(n).fill(null);
  for (let i = 0; i < n; i++) {
    if (ownerOf(customers.owner[i]) !== null) continue;
    const region = customers.region?.[i]?.trim() ?? "";
    let entry = region !== "" && Object.hasOwn(regions, region) ? teamOf(regions[region]) : undefined;
    // A region whose team has nobody to take it falls back to the playbook's team.
    if (!entry || entry.people.length === 0) entry = teamOf(rule.team);
    if (entry.people.length === 0) continue;
    out[i] = entry.people[entry.next++ % entry.people.length]!;
  }
  return out;
}
