/** Names, phone numbers, e-mail and postal addresses that look like the ones in Chinese CRMs. */
import {
  BRAND_HEADS,
  BRAND_TAILS,
  FOREIGN_COMPANY_WORDS,
  FOREIGN_FIRST_NAMES,
  FOREIGN_LAST_NAMES,
  GIVEN_CHARS,
  PERSONAL_MAIL_DOMAINS,
  SURNAMES,
} from "./names.data.ts";
import {
  BUILDING_WORDS,
  type City,
  FOREIGN_CITIES,
  type ForeignCity,
  RESIDENCE_WORDS,
  STREETS,
} from "./places.data.ts";
import { type Rng, Weighted } from "./random.ts";

export interface PersonName {
  readonly name: string;
  /** Latin spelling for logins and mailboxes, e.g. "wei.zhang". */
  readonly handle: string;
}

const surnames = new Weighted(SURNAMES.map(([hanzi, pinyin, weight]) => [[hanzi, pinyin] as const, weight]));
const mailDomains = new Weighted(PERSONAL_MAIL_DOMAINS);
export const chineseCities = (cities: readonly City[]) => new Weighted(cities.map((c) => [c, c.weight]));
export const foreignCities = new Weighted<ForeignCity>(FOREIGN_CITIES.map((c) => [c, c.weight]));

export function chineseName(rng: Rng): PersonName {
  const [surname, surnamePinyin] = surnames.draw(rng);
  const [first, firstPinyin] = rng.pick(GIVEN_CHARS);
  // About two in three modern given names have two characters.
  if (rng.chance(0.65)) {
    const [second, secondPinyin] = rng.pick(GIVEN_CHARS);
    return { name: surname + first + second, handle: `${firstPinyin}${secondPinyin}.${surnamePinyin}` };
  }
  return { name: surname + first, handle: `${firstPinyin}.${surnamePinyin}` };
}

export function foreignName(rng: Rng): PersonName {
  const first = rng.pick(FOREIGN_FIRST_NAMES);
  const last = rng.pick(FOREIGN_LAST_NAMES);
  return { name: `${first} ${last}`, handle: latinHandle(`${first}.${last}`) };
}

function latinHandle(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z.]/g, "")
    .toLowerCase();
}

function digits(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += rng.int(10);
  return out;
}

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "135",
  "136",
  "137",
  "138",
  "139",
  "150",
  "151",
  "152",
  "155",
  "157",
  "158",
  "159",
  "166",
  "173",
  "176",
  "177",
  "180",
  "181",
  "182",
  "186",
  "187",
  "188",
  "189",
  "191",
  "195",
  "198",
  "199",
];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

export function landline(rng: Rng, city: City): string {
  return `${city.areaCode}-${digits(rng, city.areaCode.length === 3 ? 8 : 7)}`;
}

export function foreignPhone(rng: Rng, city: ForeignCity): string {
  return city.phonePrefix + digits(rng, 7);
}

export function personalEmail(rng: Rng, handle: string): string {
  const domain = mailDomains.draw(rng);
  // QQ mailboxes are usually the numeric QQ id rather than a name.
  if (domain === "qq.com" && rng.chance(0.7))
    return `${rng.between(1, 9)}${digits(rng, rng.between(7, 9))}@qq.com`;
  const local = handle.replace(".", rng.chance(0.5) ? "" : "_");
  return `${local}${rng.chance(0.6) ? rng.between(1, 999) : ""}@${domain}`;
}

export interface CompanyName {
  readonly name: string;
  readonly domain: string;
}

export function chineseCompany(rng: Rng, city: City, businessWords: readonly string[]): CompanyName {
  const [head, headPinyin] = rng.pick(BRAND_HEADS);
  const [tail, tailPinyin] = rng.pick(BRAND_TAILS);
  const business = rng.pick(businessWords);
  const form = rng.chance(0.1) ? "股份有限公司" : "有限公司";
  return {
    name: `${city.city}${head}${tail}${business}${form}`,
    domain: `${headPinyin}${tailPinyin}.com.cn`,
  };
}

export function foreignCompany(rng: Rng, city: ForeignCity): CompanyName {
  const word = rng.pick(FOREIGN_COMPANY_WORDS);
  const lead = rng.chance(0.5) ? city.city : rng.pick(FOREIGN_LAST_NAMES);
  const name = `${lead} ${word} ${city.companySuffix}`;
  return { name, domain: `${latinHandle(lead.replaceAll(" ", ""))}-${word.toLowerCase()}.${city.mailTld}` };
}

export function chineseAddress(rng: Rng, city: City, business: boolean): string {
  const street = `${rng.pick(city.districts)}${rng.pick(STREETS)}${rng.between(1, 999)}号`;
  if (business) {
    const [head] = rng.pick(BRAND_HEADS);
    const [tail] = rng.pick(BRAND_TAILS);
    return `${city.addressPrefix}${street}${head}${tail}${rng.pick(BUILDING_WORDS)}${rng.between(2, 32)}${rng.pick(["0", ""])}${rng.between(1, 9)}室`;
  }
  const [head] = rng.pick(BRAND_HEADS);
  return `${city.addressPrefix}${street}${head}${rng.pick(BRAND_TAILS)[0]}${rng.pick(RESIDENCE_WORDS)}${rng.between(1, 30)}栋${rng.between(1, 4)}单元${rng.between(1, 33)}0${rng.between(1, 4)}`;
}

export function foreignAddress(rng: Rng, city: ForeignCity): string {
  return `${rng.between(1, 220)} ${rng.pick(city.streets)}, ${city.locality}`;
}
