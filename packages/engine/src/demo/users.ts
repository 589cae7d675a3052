import { csvField } from "./csv.ts";
import { chineseName } from "./people.ts";
import { CITIES, type Team } from "./places.data.ts";
import { type Rng, Weighted } from "./random.ts";

export const TEAMS: readonly Team[] = ["华东", "华南", "华北", "华中", "西南", "海外"];

/** Share of customers abroad; the 海外 team is sized to it. */
export const FOREIGN_SHARE = 0.05;

const MAIL_DOMAIN = "yunfan-demo.cn";

export interface SalesForce {
  /** The users.csv lines. */
  readonly lines: readonly string[];
  /** Per team, the reps who own its customers, weighted by how big a book each one carries. */
  readonly repsByTeam: ReadonlyMap<Team, Weighted<string>>;
  /** Fallback when a small company has no rep in a customer's region. */
  readonly allReps: Weighted<string>;
}

/**
 * One sales rep per ~150 customers, as in a B2B/B2C sales team: at least 3, and no more than 200
 * because beyond that a company this size serves its long tail through the shop, not people.
 */
export function repCount(customers: number): number {
  return Math.min(200, Math.max(3, Math.round(customers / 150)));
}

export function buildSalesForce(rng: Rng, customers: number): SalesForce {
  const teamWeight = new Map<Team, number>(TEAMS.map((team) => [team, 0]));
  for (const c of CITIES) teamWeight.set(c.team, teamWeight.get(c.team)! + c.weight);
  const domestic = [...teamWeight.values()].reduce((a, b) => a + b, 0);
  teamWeight.set("海外", (domestic * FOREIGN_SHARE) / (1 - FOREIGN_SHARE));

  const reps = repCount(customers);
  const seats = allocate(reps, teamWeight);
  const used = new Set<string>();
  const lines: string[] = [];
  const add = (team: Team | "", role: string): string => {
    const person = chineseName(rng);
    let username = person.handle;
    for (let n = 2; used.has(username); n++) username = `${person.handle}${n}`;
    used.add(username);
    lines.push(`${username},${person.name},${username}@${MAIL_DOMAIN},${csvField(team)},${role}\n`);
    return username;
  };

  add("", "admin");
  add("", "analyst");
  if (customers >= 10_000) add("", "analyst");
  const repsByTeam = new Map<Team, Weighted<string>>();
  const everyone: [string, number][] = [];
  for (const team of TEAMS) {
    const count = seats.get(team) ?? 0;
    if (count === 0) continue;
    add(team, "manager");
    const members: [string, number][] = [];
    for (let i = 0; i < count; i++) {
      // Books are uneven: senior reps carry several times the customers of new hires.
      members.push([add(team, "sales"), rng.logNormal(1, 0.4)]);
    }
    repsByTeam.set(team, new Weighted(members));
    everyone.push(...members);
  }
  return { lines, repsByTeam, allReps: new Weighted(everyone) };
}

/** Seats per team by largest remainder, every team staffed once there are enough seats. */
function allocate(seats: number, weights: ReadonlyMap<Team, number>): Map<Team, number> {
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const result = new Map<Team, number>();
  const floorOnly = seats >= weights.size;
  const remainders: [Team, number][] = [];
  let given = 0;
  for (const [team, weight] of weights) {
    const exact = (seats * weight) / total;
    const base = floorOnly ? Math.max(1, Math.floor(exact)) : Math.floor(exact);
    result.set(team, base);
    given += base;
    remainders.push([team, exact - Math.floor(exact)]);
  }
  remainders.sort((a, b) => b[1] - a[1] || TEAMS.indexOf(a[0]) - TEAMS.indexOf(b[0]));
  for (let i = 0; given < seats; i = (i + 1) % remainders.length) {
    result.set(remainders[i]![0], result.get(remainders[i]![0])! + 1);
    given++;
  }
  // Giving every team its first seat can overshoot; take the surplus back from the largest teams.
  while (given > seats) {
    const largest = [...result.entries()].sort((a, b) => b[1] - a[1])[0]!;
    result.set(largest[0], largest[1] - 1);
    given--;
  }
  return result;
}
