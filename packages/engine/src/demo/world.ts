import { DayLabels, demand, SeasonalClock } from "./calendar.ts";
import { CATEGORIES } from "./catalog.data.ts";
import { INDUSTRIES } from "./names.data.ts";
import { chineseCities } from "./people.ts";
import { CITIES, type City } from "./places.data.ts";
import { buildCatalog, type Catalog } from "./products.ts";
import { Rng, Weighted } from "./random.ts";
import { buildSalesForce, type SalesForce } from "./users.ts";

/** Years of purchase history before the as-of date. */
export const HISTORY_YEARS = 3;

/** Customers acquired in the last year of the window relative to the first: the company grows. */
const GROWTH = 2.2;

// Streams of the shared material sit far above any customer number (customers use 1…N).
const USERS_STREAM = 0x7fff_fff0;
const PRODUCTS_STREAM = 0x7fff_fff1;

/** What every customer's simulation shares: the calendar, the catalogue, the sales force. */
export interface World {
  readonly seed: number;
  readonly customers: number;
  readonly asOfDay: number;
  /** First day of the purchase window. */
  readonly firstDay: number;
  readonly labels: DayLabels;
  readonly consumerClock: SeasonalClock;
  readonly businessClock: SeasonalClock;
  /** When customers are acquired: growth over the window times the consumer season. */
  readonly acquisition: SeasonalClock;
  readonly catalog: Catalog;
  readonly consumerShelves: Weighted<number>;
  readonly businessShelves: Weighted<number>;
  readonly sales: SalesForce;
  readonly cities: Weighted<City>;
  readonly industries: Weighted<(typeof INDUSTRIES)[number]>;
  readonly customerWidth: number;
  /** Digits of every transaction id (orders, lines, invoices…), enough for this run's volume. */
  readonly idWidth: number;
}

export function buildWorld(customers: number, seed: number, asOfDay: number): World {
  const firstDay = asOfDay - Math.round(HISTORY_YEARS * 365.25) + 1;
  const days = asOfDay - firstDay + 1;
  const catalog = buildCatalog(new Rng(seed, PRODUCTS_STREAM), customers);
  const digits = String(customers).length;
  return {
    seed,
    customers,
    asOfDay,
    firstDay,
    // Registrations before the window and due dates after it are labelled too; birthdays are
    // formatted on demand.
    labels: new DayLabels(firstDay - 400, asOfDay + 120),
    consumerClock: new SeasonalClock(firstDay, asOfDay, (day) => demand(day, "consumer")),
    businessClock: new SeasonalClock(firstDay, asOfDay, (day) => demand(day, "business")),
    acquisition: new SeasonalClock(
      firstDay,
      asOfDay,
      (day) => GROWTH ** ((day - firstDay) / days) * (0.5 + 0.5 * demand(day, "consumer")),
    ),
    catalog,
    consumerShelves: new Weighted(CATEGORIES.map((c, i) => [i, c.consumerWeight])),
    businessShelves: new Weighted(CATEGORIES.map((c, i) => [i, c.businessWeight])),
    sales: buildSalesForce(new Rng(seed, USERS_STREAM), customers),
    cities: chineseCities(CITIES),
    industries: new Weighted(INDUSTRIES.map((entry) => [entry, entry[1]])),
    customerWidth: Math.max(7, digits),
    idWidth: Math.max(8, digits + 2),
  };
}
