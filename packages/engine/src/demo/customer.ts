/**
 * One customer and their whole history: profile, purchases, invoices and payments, contacts,
 * interactions and survey answers, written as CSV lines as they are made so nothing piles up.
 *
 * The purchase process is BG/NBD (Fader, Hardie & Lee 2005): while alive a customer buys as a
 * Poisson process with a personal rate λ ~ Gamma(r, α), and after each repeat purchase drops
 * out with a personal probability p ~ Beta(a, b). Calendar time is bent by a seasonal clock so
 * that 双十一, 618 and the weeks before 春节 are busy and the holiday itself is quiet. Order
 * values follow a per-customer log-normal around a customer-level mean (the Gamma-Gamma idea:
 * spend level independent of frequency). The models later fitted on this data should find
 * these mechanisms again, which makes the demo a test bed for them too.
 */
import type { EntityName } from "@custra/core";
import { timestamp } from "./calendar.ts";
import { BUSINESS_CHANNELS, CONSUMER_CHANNELS } from "./catalog.data.ts";
import { code, csvField, money } from "./csv.ts";
import {
  COMPLAINT_NOTES,
  CONTACT_TITLES,
  CUSTOMER_SOURCES,
  FOREIGN_TITLES,
  ROUTINE_NOTES,
  SURVEY_COMMENTS,
  SURVEY_ITEMS,
} from "./notes.data.ts";
import {
  chineseAddress,
  chineseCompany,
  chineseName,
  foreignAddress,
  foreignCities,
  foreignCompany,
  foreignName,
  foreignPhone,
  landline,
  mobile,
  type PersonName,
  personalEmail,
} from "./people.ts";
import type { City, ForeignCity, Team } from "./places.data.ts";
import { fitIndex } from "./products.ts";
import { Rng, Weighted } from "./random.ts";
import { FOREIGN_SHARE } from "./users.ts";
import type { World } from "./world.ts";

export interface LineSink {
  add(line: string): void;
}

export type Sinks = Readonly<Record<EntityName, LineSink>>;

/** Share of customers that are businesses. */
export const ENTERPRISE_SHARE = 0.3;
/** Registered but never bought (潜在客户): leads the sales team still works on. */
const PROSPECT_SHARE = 0.04;
const WHALE_SHARE = 0.01;
/** Share of customers in the public pool (公海) without an owner. */
const UNOWNED_SHARE = 0.03;

/**
 * BG/NBD parameters in years. Chosen so that a customer averages about ten orders over the
 * window, with a long single-purchase tail and a few very frequent buyers.
 */
export const PURCHASE_PROCESS = { r: 0.85, alpha: 0.052, a: 0.85, b: 8 } as const;

/** Median order value in yuan by customer type, before the per-customer spread. */
const MEDIAN_SPEND = { individual: 260, enterprise: 2600 } as const;

/** A runaway rate would make one customer a file of its own; real top accounts order daily at most. */
const MAX_RATE = 300;
const MAX_ORDERS = 2000;

const consumerChannels = new Weighted(CONSUMER_CHANNELS);
const businessChannels = new Weighted(BUSINESS_CHANNELS);
const consumerSources = new Weighted(CUSTOMER_SOURCES.consumer);
const businessSources = new Weighted(CUSTOMER_SOURCES.business);
const needsConsumer = new Weighted([
  ["functional", 35],
  ["emotional", 33],
  ["value", 32],
] as const);
const needsBusiness = new Weighted([
  ["functional", 55],
  ["value", 35],
  ["emotional", 10],
] as const);
const terms = new Weighted([
  [30, 50],
  [60, 35],
  [90, 15],
] as const);
const credit = new Weighted([
  ["good", 60],
  ["fair", 28],
  ["poor", 12],
] as const);
const attitudes = new Weighted([
  ["supportive", 50],
  ["neutral", 38],
  ["opposed", 12],
] as const);
const CONTACT_ROLES = ["purchaser", "evaluator", "user", "influencer", "champion"] as const;
type ContactRole = "decision_maker" | (typeof CONTACT_ROLES)[number];
const INFLUENCE: Readonly<Record<ContactRole, readonly [number, number]>> = {
  decision_maker: [4, 5],
  influencer: [3, 4],
  evaluator: [3, 4],
  purchaser: [2, 4],
  user: [1, 2],
  champion: [2, 3],
};

type CreditBehaviour = "good" | "fair" | "poor";

/** Running id counters; one per entity so every row has an explicit, stable external id. */
export class IdCounters {
  contacts = 0;
  orders = 0;
  lines = 0;
  invoices = 0;
  payments = 0;
  interactions = 0;
  surveys = 0;
}

const SECONDS_PER_DAY = 86_400;
/** Office hours 09:00–20:00 China time are 01:00–12:00 UTC, so the UTC date is the local date. */
const OFFICE_START = 3_600;
const OFFICE_SECONDS = 11 * 3_600;

export class CustomerSimulator {
  private readonly rng: Rng;
  /** Day indices (from the window start) of one customer's purchases. */
  private readonly purchases = new Int32Array(MAX_ORDERS);
  private readonly lineShelf = new Int32Array(4);
  private readonly lineItem = new Int32Array(4);
  private readonly lineQty = new Int32Array(4);
  private readonly lineUnit = new Int32Array(4);

  constructor(
    private readonly world: World,
    private readonly out: Sinks,
    private readonly ids: IdCounters,
  ) {
    this.rng = new Rng(world.seed, 0);
  }

  /** Simulates customer number `n` (1-based) and writes all of its rows. */
  simulate(n: number): void {
    const { world, rng } = this;
    rng.reseed(world.seed, n);
    const customerCode = code("C", n, world.customerWidth);
    const foreign = rng.chance(FOREIGN_SHARE);
    const enterprise = rng.chance(ENTERPRISE_SHARE);
    const whale = rng.chance(WHALE_SHARE);
    const prospect = !whale && rng.chance(PROSPECT_SHARE);
    const home: City | undefined = foreign ? undefined : world.cities.draw(rng);
    const abroad: ForeignCity | undefined = foreign ? foreignCities.draw(rng) : undefined;
    const team: Team = home ? home.team : "海外";
    const owner = rng.chance(UNOWNED_SHARE) ? "" : this.ownerIn(team);
    const needs = (enterprise ? needsBusiness : needsConsumer).draw(rng);

    // Hidden traits: what the analytics should discover without being told.
    const { r, alpha, a, b } = PURCHASE_PROCESS;
    let rate = rng.gamma(r) / alpha;
    let dropout = rng.beta(a, b);
    let spend = rng.logNormal(enterprise ? MEDIAN_SPEND.enterprise : MEDIAN_SPEND.individual, 0.8);
    if (enterprise) rate *= 1.15;
    if (whale) {
      rate = rate * 3 + 12;
      dropout *= 0.3;
      spend *= 3;
    }
    if (needs === "value") spend *= 0.8;
    if (foreign) spend *= 1.3;
    rate = Math.min(rate, MAX_RATE);
    const mood = rng.normal();
    const creditBehaviour: CreditBehaviour = credit.draw(rng);
    const termDays = terms.draw(rng);
    const discount = enterprise ? 0.82 + 0.18 * rng.float() : 1;
    const favourite = (enterprise ? world.businessShelves : world.consumerShelves).draw(rng);
    const channel = (enterprise ? businessChannels : consumerChannels).draw(rng);

    // Purchase days.
    const clock = enterprise ? world.businessClock : world.consumerClock;
    const acquired = world.acquisition.dayAt(rng.float() * world.acquisition.total);
    let count = 0;
    let dead = false;
    if (!prospect) {
      const purchases = this.purchases;
      purchases[count++] = acquired;
      let t = clock.startOf(acquired) + rng.float() * (clock.endOf(acquired) - clock.startOf(acquired));
      while (count < MAX_ORDERS) {
        t += rng.exp() / rate;
        const day = clock.dayAt(t);
        if (day < 0) break;
        purchases[count++] = day;
        if (rng.chance(dropout)) {
          dead = true;
          break;
        }
      }
    }
    const firstDay = world.firstDay + acquired;
    const lastDay = count > 0 ? world.firstDay + this.purchases[count - 1]! : firstDay;
    // Half register the day they first buy (online shop); the rest were leads for a while.
    const registered = rng.chance(0.5) ? firstDay : firstDay - Math.floor(rng.exp() * (enterprise ? 45 : 20));

    const person: PersonName = foreign ? foreignName(rng) : chineseName(rng);
    const [industryName, , businessWords] = world.industries.draw(rng);
    const company = enterprise
      ? abroad
        ? foreignCompany(rng, abroad)
        : chineseCompany(rng, home!, businessWords)
      : undefined;

    const history = this.orders(customerCode, {
      count,
      enterprise,
      dead,
      spend,
      discount,
      favourite,
      channel,
      creditBehaviour,
      termDays,
    });
    if (enterprise) this.contacts(customerCode, foreign, whale || spend > 20_000, company!.domain);
    const complained = this.interactions(customerCode, {
      enterprise,
      foreign,
      whale,
      dead,
      rate,
      owner,
      start: Math.max(registered, world.firstDay),
      lastDay,
      returned: history.returned,
      noun: history.noun,
    });
    if (count > 0)
      this.surveys(customerCode, count, enterprise, mood + (dead ? -1.1 : 0.3) - (complained ? 0.8 : 0));

    // The customer row comes last because tags summarise what happened.
    let industry = "";
    let name: string;
    let address: string;
    let phone: string;
    let email = "";
    let birthday = "";
    let lunar = "";
    if (company) {
      industry = industryName;
      name = company.name;
      address = abroad ? foreignAddress(rng, abroad) : chineseAddress(rng, home!, true);
      phone = abroad ? foreignPhone(rng, abroad) : rng.chance(0.6) ? landline(rng, home!) : mobile(rng);
      email = `${rng.pick(["sales", "info", "purchase", "contact", "admin"])}@${company.domain}`;
    } else {
      // An individual's industry, when known, is their employer's.
      if (rng.chance(0.35)) industry = industryName;
      name = person.name;
      address = abroad ? foreignAddress(rng, abroad) : chineseAddress(rng, home!, false);
      phone = abroad ? foreignPhone(rng, abroad) : rng.chance(0.97) ? mobile(rng) : "";
      if (abroad || rng.chance(0.6)) email = personalEmail(rng, person.handle);
      const age = 22 + Math.min(48, Math.floor(rng.gamma(4) * 5));
      birthday = world.labels.of(world.asOfDay - age * 365 - rng.int(365));
      // Older customers in China more often keep their birthday by the lunar calendar.
      lunar = !abroad && rng.chance(age > 45 ? 0.5 : 0.22) ? "true" : "false";
    }
    const tags: string[] = [];
    const valueCents = history.totalCents;
    if (whale || valueCents > (enterprise ? 50_000_000 : 3_000_000))
      tags.push(enterprise ? "重点客户" : "VIP");
    if (foreign) tags.push("海外");
    else if (rng.chance(0.25)) tags.push(team);
    if (needs === "value" && rng.chance(0.5)) tags.push("价格敏感");
    if (world.asOfDay - registered < 90) tags.push("新客户");
    if (registered - world.firstDay < 180 && count > 5 && !dead) tags.push("老客户");
    if (!enterprise && rng.chance(0.04)) tags.push("团购");
    if (complained && rng.chance(0.5)) tags.push("曾投诉");
    const source = (enterprise ? businessSources : consumerSources).draw(rng);
    if (source === "展会" && rng.chance(0.6)) tags.push("展会获客");
    // A rep's gut feeling of the account: right more often than not, which is what makes it a hint.
    const worth = Math.log(rate * spend + 1) + rng.normal() * 0.8;
    const hint = worth > (enterprise ? 10.8 : 8.3) ? "A" : worth > (enterprise ? 9.3 : 6.8) ? "B" : "C";
    const attributes = enterprise
      ? `{"source":"${source}","level_hint":"${hint}","employees":${Math.round(rng.logNormal(whale ? 600 : 60, 1))}}`
      : `{"source":"${source}","level_hint":"${hint}","wechat_follower":${rng.chance(0.55)}}`;
    let creditLimit = "";
    if (enterprise) {
      const yearly = rate * spend * 1.6;
      const limit = Math.min(
        5_000_000,
        Math.max(20_000, Math.ceil((yearly * termDays * 2) / 365 / 10_000) * 10_000),
      );
      creditLimit = money(limit * 100);
    }
    this.out.customers.add(
      `${customerCode},${csvField(name)},${enterprise ? "enterprise" : "individual"},${industry},${abroad ? abroad.country : home!.province},${abroad ? abroad.city : home!.city},${csvField(address)},${phone},${email},${birthday},${lunar},${world.labels.of(registered)},${owner},${needs},${tags.length > 0 ? csvField(JSON.stringify(tags)) : ""},${csvField(attributes)},${creditLimit},${abroad ? abroad.country : "中国"},\n`,
    );
  }

  private ownerIn(team: Team): string {
    const reps = this.world.sales.repsByTeam.get(team) ?? this.world.sales.allReps;
    return reps.draw(this.rng);
  }

  private orders(
    customerCode: string,
    c: {
      count: number;
      enterprise: boolean;
      dead: boolean;
      spend: number;
      discount: number;
      favourite: number;
      channel: string;
      creditBehaviour: CreditBehaviour;
      termDays: number;
    },
  ): { totalCents: number; returned: number[]; noun: string } {
    const { world, rng, out, ids } = this;
    const shelves = world.catalog.shelves;
    const segmentShelves = c.enterprise ? world.businessShelves : world.consumerShelves;
    const channels = c.enterprise ? businessChannels : consumerChannels;
    const maxQty = c.enterprise ? 400 : 10;
    const returnRate = c.enterprise ? 0.006 : 0.014;
    const returned: number[] = [];
    let noun = shelves[c.favourite]!.nouns[0]!;
    let totalCents = 0;
    for (let k = 0; k < c.count; k++) {
      const day = world.firstDay + this.purchases[k]!;
      const date = world.labels.of(day);
      const budget = c.spend * 100 * Math.exp(0.5 * rng.normal());
      const u = rng.float();
      const lines = c.enterprise
        ? u < 0.3
          ? 1
          : u < 0.6
            ? 2
            : u < 0.82
              ? 3
              : 4
        : u < 0.55
          ? 1
          : u < 0.83
            ? 2
            : u < 0.95
              ? 3
              : 4;
      let weightSum = 0;
      for (let i = 0; i < lines; i++) {
        this.lineUnit[i] = Math.round((0.3 + rng.float()) * 1000);
        weightSum += this.lineUnit[i]!;
      }
      let amount = 0;
      let cost = 0;
      let quantity = 0;
      for (let i = 0; i < lines; i++) {
        const share = (budget * this.lineUnit[i]!) / weightSum;
        const shelfIndex = rng.chance(0.55) ? c.favourite : segmentShelves.draw(rng);
        const shelf = shelves[shelfIndex]!;
        let item = Math.max(0, fitIndex(shelf, share) - rng.int(4));
        for (let j = 0; j < i; j++) {
          if (this.lineShelf[j] === shelfIndex && this.lineItem[j] === item) {
            item = item > 0 ? item - 1 : Math.min(shelf.skus.length - 1, item + 1);
          }
        }
        const price = shelf.priceCents[item]!;
        const qty = Math.min(maxQty, Math.max(1, Math.round(share / price)));
        let factor = c.discount;
        if (!c.enterprise && rng.chance(0.45)) factor = rng.pick(DISCOUNTS);
        if (qty >= 20) factor *= 0.95;
        // Nobody sells below cost on purpose: discounts stop at a thin margin.
        const unit = Math.max(Math.round(price * factor), Math.round(shelf.costCents[item]! * 1.03));
        this.lineShelf[i] = shelfIndex;
        this.lineItem[i] = item;
        this.lineQty[i] = qty;
        this.lineUnit[i] = unit;
        amount += qty * unit;
        cost += qty * shelf.costCents[item]!;
        quantity += qty;
      }
      const orderId = code("O", ++ids.orders, world.idWidth);
      const s = rng.float();
      const status =
        s < 0.008
          ? "cancelled"
          : s < 0.008 + (c.dead && k === c.count - 1 ? returnRate * 5 : returnRate)
            ? "returned"
            : "completed";
      const orderChannel = rng.chance(0.8) ? c.channel : channels.draw(rng);
      out.orders.add(
        `${orderId},${customerCode},${date},${money(amount)},${money(cost)},${money(amount - cost)},${quantity}.00,${orderChannel},${status}\n`,
      );
      for (let i = 0; i < lines; i++) {
        const shelf = shelves[this.lineShelf[i]!]!;
        const item = this.lineItem[i]!;
        const qty = this.lineQty[i]!;
        out["order-lines"].add(
          `${code("L", ++ids.lines, world.idWidth)},${orderId},${shelf.skus[item]},${qty}.00,${money(this.lineUnit[i]!)},${money(qty * this.lineUnit[i]!)},${money(qty * shelf.costCents[item]!)}\n`,
        );
      }
      if (status === "completed") {
        totalCents += amount;
        if (c.enterprise)
          this.invoice(customerCode, orderId, day, date, amount, c.termDays, c.creditBehaviour);
      } else if (status === "returned") {
        returned.push(day);
        noun = shelves[this.lineShelf[0]!]!.nouns[this.lineItem[0]!]!;
      }
      if (k === 0 && returned.length === 0) noun = shelves[this.lineShelf[0]!]!.nouns[this.lineItem[0]!]!;
    }
    return { totalCents, returned, noun };
  }

  private invoice(
    customerCode: string,
    orderId: string,
    day: number,
    date: string,
    amount: number,
    termDays: number,
    behaviour: CreditBehaviour,
  ): void {
    const { world, rng, out, ids } = this;
    const invoiceId = code("INV", ++ids.invoices, world.idWidth);
    const due = day + termDays;
    out.invoices.add(
      `${invoiceId},${customerCode},${orderId},${date},${world.labels.of(due)},${money(amount)}\n`,
    );
    let late: number;
    let paidShare = 1;
    let restLate = -1;
    if (behaviour === "good") {
      late = rng.chance(0.9) ? -rng.int(Math.floor(termDays * 0.6)) : rng.between(1, 10);
    } else if (behaviour === "fair") {
      late = rng.chance(0.25) ? -rng.int(10) : Math.round(rng.gamma(2) * 12);
    } else {
      if (rng.chance(0.1)) return; // written off: never paid
      late = 15 + Math.round(rng.exp() * 60);
      if (rng.chance(0.25)) {
        paidShare = 0.3 + 0.4 * rng.float();
        if (rng.chance(0.5)) restLate = late + 60 + Math.round(rng.exp() * 90);
      }
    }
    // Large invoices are often settled in two instalments a month apart.
    if (paidShare === 1 && amount >= 10_000_000 && rng.chance(0.3)) {
      paidShare = 0.5;
      restLate = late + 30;
      late -= 10;
    }
    const first = paidShare === 1 ? amount : Math.round(amount * paidShare);
    this.payment(customerCode, invoiceId, Math.max(day, due + late), first);
    if (restLate >= 0) this.payment(customerCode, invoiceId, Math.max(day, due + restLate), amount - first);
  }

  private payment(customerCode: string, invoiceId: string, day: number, cents: number): void {
    const { world, out, ids } = this;
    if (day > world.asOfDay || cents <= 0) return;
    out.payments.add(
      `${code("PAY", ++ids.payments, world.idWidth)},${customerCode},${invoiceId},${world.labels.of(day)},${money(cents)},\n`,
    );
  }

  private contacts(customerCode: string, foreign: boolean, large: boolean, domain: string): void {
    const { rng, out, ids, world } = this;
    const u = rng.float();
    const count = large ? (u < 0.2 ? 2 : u < 0.55 ? 3 : 4) : u < 0.35 ? 1 : u < 0.7 ? 2 : u < 0.88 ? 3 : 4;
    const roles: ContactRole[] = ["decision_maker"];
    const pool = [...CONTACT_ROLES];
    for (let i = 1; i < count; i++) roles.push(pool.splice(rng.int(pool.length), 1)[0]!);
    // The buyer is often the only contact a small account has; the boss comes first in bigger ones.
    if (count === 1 && rng.chance(0.5)) roles[0] = "purchaser";
    for (const role of roles) {
      const person = foreign ? foreignName(rng) : chineseName(rng);
      const title = rng.pick((foreign ? FOREIGN_TITLES : CONTACT_TITLES)[role]);
      const [low, high] = INFLUENCE[role];
      const attitude = role === "champion" ? "supportive" : attitudes.draw(rng);
      const phone = foreign ? "" : mobile(rng);
      const email = rng.chance(0.7) ? `${person.handle}@${domain}` : "";
      out.contacts.add(
        `${code("CT", ++ids.contacts, world.idWidth)},${customerCode},${csvField(person.name)},${title},${role},${rng.between(low, high)},${attitude},${phone},${email}\n`,
      );
    }
  }

  /** Writes the customer's interactions; true when they complained at least once. */
  private interactions(
    customerCode: string,
    c: {
      enterprise: boolean;
      foreign: boolean;
      whale: boolean;
      dead: boolean;
      rate: number;
      owner: string;
      start: number;
      lastDay: number;
      returned: readonly number[];
      noun: string;
    },
  ): boolean {
    const { world, rng } = this;
    const end = c.dead ? Math.min(world.asOfDay, c.lastDay + 45) : world.asOfDay;
    const span = Math.max(1, end - c.start + 1);
    const years = span / 365.25;
    const activity = Math.min(2.5, Math.max(0.3, Math.sqrt(c.rate / 6))) * (c.whale ? 2 : 1);
    const rates = c.enterprise ? BUSINESS_CONTACT_RATES : CONSUMER_CONTACT_RATES;
    const notes = c.enterprise ? ROUTINE_NOTES.business : ROUTINE_NOTES.consumer;
    for (const [kind, perYear] of rates) {
      let perYearHere = perYear;
      if (c.foreign && kind === "wechat") continue;
      if (c.foreign && kind === "email") perYearHere += 2;
      if (kind === "visit" && c.whale && !c.enterprise) perYearHere = 0.5;
      const n = rng.poisson(perYearHere * activity * years);
      for (let i = 0; i < n; i++) {
        this.interaction(
          customerCode,
          kind,
          c.start + rng.int(span),
          note(rng, notes[kind], c.noun),
          c.owner,
        );
      }
    }
    let complained = false;
    for (const day of c.returned) {
      if (rng.chance(0.4)) {
        complained = true;
        this.complaint(customerCode, Math.min(world.asOfDay, day + rng.int(7)), c.noun, c.owner, true);
      }
    }
    // Customers who are about to leave complain far more often; the complaint precedes the exit.
    if (rng.chance(c.dead ? 0.3 : 0.06)) {
      complained = true;
      const day = c.dead ? Math.min(world.asOfDay, c.lastDay + rng.int(40)) : c.start + rng.int(span);
      this.complaint(customerCode, day, c.noun, c.owner, false);
    }
    if (c.dead && c.owner && rng.chance(0.35)) {
      const day = c.lastDay + rng.between(90, 240);
      if (day <= world.asOfDay)
        this.interaction(customerCode, "call", day, rng.pick(COMPLAINT_NOTES.winBack), c.owner);
    }
    return complained;
  }

  private interaction(customerCode: string, kind: string, day: number, summary: string, owner: string): void {
    const { world, rng, out, ids } = this;
    const at = timestamp(world.labels.of(day), OFFICE_START + rng.int(OFFICE_SECONDS));
    out.interactions.add(
      `${code("ACT", ++ids.interactions, world.idWidth)},${customerCode},${kind},${at},${csvField(summary)},${owner},\n`,
    );
  }

  private complaint(
    customerCode: string,
    day: number,
    noun: string,
    owner: string,
    aboutReturn: boolean,
  ): void {
    const { world, rng, out, ids } = this;
    const second = OFFICE_START + rng.int(OFFICE_SECONDS);
    const at = timestamp(world.labels.of(day), second);
    let resolved = "";
    // Most complaints close within a few days; some stay open, recent ones more often.
    const open = rng.chance(world.asOfDay - day < 14 ? 0.5 : 0.06);
    if (!open) {
      const moment = day * SECONDS_PER_DAY + second + 3_600 + Math.round(rng.exp() * 40 * 3_600);
      const resolvedDay = Math.floor(moment / SECONDS_PER_DAY);
      if (resolvedDay <= world.asOfDay) {
        resolved = timestamp(world.labels.of(resolvedDay), moment - resolvedDay * SECONDS_PER_DAY);
      }
    }
    const summary = note(rng, aboutReturn ? COMPLAINT_NOTES.aboutReturn : COMPLAINT_NOTES.general, noun);
    out.interactions.add(
      `${code("ACT", ++ids.interactions, world.idWidth)},${customerCode},complaint,${at},${csvField(summary)},${owner},${resolved}\n`,
    );
  }

  /**
   * Survey answers a few days after a purchase. `feeling` is the customer's latent satisfaction:
   * those who will leave or who complained answer lower, so NPS carries churn signal.
   */
  private surveys(customerCode: string, count: number, enterprise: boolean, feeling: number): void {
    const { world, rng, out, ids } = this;
    if (!rng.chance(enterprise ? 0.4 : 0.2)) return;
    const waves = rng.chance(0.3) ? 2 : 1;
    let previous = -1;
    for (let w = 0; w < waves; w++) {
      const day = world.firstDay + this.purchases[rng.int(count)]! + rng.between(3, 21);
      if (day > world.asOfDay || day === previous) continue;
      previous = day;
      const date = world.labels.of(day);
      const score = feeling + 0.5 * rng.normal();
      const nps = Math.min(10, Math.max(0, Math.round(8.7 + 1.6 * score)));
      let comment = "";
      if (rng.chance(0.4)) {
        comment = rng.pick(
          nps >= 9
            ? SURVEY_COMMENTS.promoter
            : nps >= 7
              ? SURVEY_COMMENTS.passive
              : SURVEY_COMMENTS.detractor,
        );
      }
      out.surveys.add(
        `${code("SV", ++ids.surveys, world.idWidth)},${customerCode},${date},${nps},,,${csvField(comment)},\n`,
      );
      for (const [item, bias] of SURVEY_ITEMS) {
        const satisfaction = Math.min(
          5,
          Math.max(1, Math.round(3.9 + 0.75 * score + bias + 0.6 * rng.normal())),
        );
        out.surveys.add(
          `${code("SV", ++ids.surveys, world.idWidth)},${customerCode},${date},,${item},${satisfaction},,\n`,
        );
      }
    }
  }
}

const DISCOUNTS = [0.95, 0.9, 0.88, 0.85, 0.8];

type InteractionKind = "visit" | "call" | "wechat" | "email" | "consultation" | "feedback";
const BUSINESS_CONTACT_RATES: readonly (readonly [InteractionKind, number])[] = [
  ["visit", 1],
  ["call", 2.5],
  ["wechat", 3],
  ["email", 1.5],
  ["consultation", 0.5],
  ["feedback", 0.25],
];
const CONSUMER_CONTACT_RATES: readonly (readonly [InteractionKind, number])[] = [
  ["visit", 0],
  ["call", 0.3],
  ["wechat", 0.8],
  ["email", 0.05],
  ["consultation", 0.5],
  ["feedback", 0.15],
];

function note(rng: Rng, templates: readonly string[], noun: string): string {
  return rng.pick(templates).replace("{p}", noun);
}
