/**
 * Days as integers (days since 1970-01-01, UTC) and the demo company's sales calendar: how busy
 * each day of the simulated window is for shoppers and for business buyers.
 */

const MS_PER_DAY = 86_400_000;

export function parseIsoDay(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-30 over to March; a real calendar date must survive the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Date texts for a range of days, made once: formatting dates is the hot path of writing 10M orders. */
export class DayLabels {
  private readonly labels: string[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
  ) {
    for (let day = first; day <= last; day++) this.labels.push(isoDay(day));
  }

  of(day: number): string {
    return day >= this.first && day <= this.last ? this.labels[day - this.first]! : isoDay(day);
  }
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

/** A UTC timestamp text 'YYYY-MM-DDTHH:MM:SSZ'. */
export function timestamp(date: string, secondOfDay: number): string {
  const hours = Math.floor(secondOfDay / 3600);
  const minutes = Math.floor(secondOfDay / 60) % 60;
  return `${date}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[secondOfDay % 60]}Z`;
}

export function twoDigits(n: number): string {
  return TWO_DIGITS[n]!;
}

/**
 * 春节 (Spring Festival) dates. The weeks before it are the year's gift-buying peak and the
 * holiday week itself is the quietest time of the year, so the calendar needs the real dates.
 */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2010: "02-14",
  2011: "02-03",
  2012: "01-23",
  2013: "02-10",
  2014: "01-31",
  2015: "02-19",
  2016: "02-08",
  2017: "01-28",
  2018: "02-16",
  2019: "02-05",
  2020: "01-25",
  2021: "02-12",
  2022: "02-01",
  2023: "01-22",
  2024: "02-10",
  2025: "01-29",
  2026: "02-17",
  2027: "02-06",
  2028: "01-26",
  2029: "02-13",
  2030: "02-03",
  2031: "01-23",
  2032: "02-11",
  2033: "01-31",
  2034: "02-19",
  2035: "02-08",
};

export function springFestival(year: number): number {
  // Outside the table the festival falls between Jan 21 and Feb 20; early February is the middle.
  return parseIsoDay(`${year}-${SPRING_FESTIVAL[year] ?? "02-03"}`)!;
}

/** How busy a month is relative to an average one, before holidays and promotions. */
const MONTH_FACTOR = [1.0, 0.8, 0.95, 0.95, 1.0, 1.05, 0.92, 0.92, 1.0, 0.95, 1.25, 1.2];

export type Buyer = "consumer" | "business";

/**
 * Relative demand on `day`: consumers shop at weekends, around 618 and 双十一 and before 春节;
 * business buyers work weekdays, close the year in December and stop over the holidays.
 */
export function demand(day: number, buyer: Buyer): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  const weekday = date.getUTCDay();
  let factor = MONTH_FACTOR[month]!;
  const festival = springFestival(year);
  const nextFestival = springFestival(year + 1);
  for (const f of [festival, nextFestival]) {
    const offset = day - f;
    if (offset >= -21 && offset < -3) factor *= buyer === "consumer" ? 1.5 : 1.1;
    else if (offset >= -3 && offset <= 6) factor *= 0.3;
    else if (offset > 6 && offset <= 15) factor *= 0.8;
  }
  if (buyer === "consumer") {
    if (weekday === 0 || weekday === 6) factor *= 1.15;
    if (month === 10 && dom <= 11) factor *= dom === 11 ? 3.5 : 1.6;
    if (month === 5 && dom <= 18) factor *= dom === 18 ? 2.5 : 1.3;
    if (month === 11 && dom === 12) factor *= 1.8;
  } else {
    if (weekday === 0 || weekday === 6) factor *= 0.2;
    if (month === 11 && dom >= 10) factor *= 1.3;
    // 国庆 golden week: offices close.
    if (month === 9 && dom <= 7) factor *= 0.3;
  }
  return factor;
}

/**
 * A time scale over the simulated days in which demand is flat: a homogeneous Poisson process
 * in this "operational time" maps to a seasonal one in calendar time, one binary search per
 * purchase instead of thinning dozens of rejected candidates.
 */
export class SeasonalClock {
  /** Operational years elapsed at the end of each day; day i covers (end[i-1], end[i]]. */
  private readonly end: Float64Array;
  readonly days: number;

  constructor(
    readonly firstDay: number,
    lastDay: number,
    weight: (day: number) => number,
  ) {
    this.days = lastDay - firstDay + 1;
    const weights = new Float64Array(this.days);
    let sum = 0;
    for (let i = 0; i < this.days; i++) {
      weights[i] = weight(firstDay + i);
      sum += weights[i]!;
    }
    const mean = sum / this.days;
    this.end = new Float64Array(this.days);
    let total = 0;
    for (let i = 0; i < this.days; i++) {
      total += weights[i]! / mean / 365.25;
      this.end[i] = total;
    }
  }

  /** Operational years at the start of day index `i`. */
  startOf(i: number): number {
    return i === 0 ? 0 : this.end[i - 1]!;
  }

  /** Operational years at the end of day index `i`. */
  endOf(i: number): number {
    return this.end[i]!;
  }

  get total(): number {
    return this.end[this.days - 1]!;
  }

  /** The day index containing operational time `t`, or -1 when `t` lies beyond the last day. */
  dayAt(t: number): number {
    const end = this.end;
    if (t > end[this.days - 1]!) return -1;
    let lo = 0;
    let hi = this.days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (end[mid]! >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
