import { CATEGORIES, type Category, MODEL_SUFFIXES } from "./catalog.data.ts";
import { code, csvField, money } from "./csv.ts";
import type { Rng } from "./random.ts";

export interface ProductShelf {
  readonly category: Category;
  /** Sorted by price ascending, so a basket can find the item that fits a budget by bisection. */
  readonly priceCents: Int32Array;
  readonly costCents: Int32Array;
  readonly skus: readonly string[];
  /** Product nouns, for interaction notes that mention what the customer bought. */
  readonly nouns: readonly string[];
}

export interface Catalog {
  readonly shelves: readonly ProductShelf[];
  /** The products.csv lines, in SKU order. */
  readonly lines: readonly string[];
}

/** About 200 products; larger companies carry a somewhat wider range. */
export function productCount(customers: number): number {
  return Math.min(260, Math.max(140, Math.round(120 + 20 * Math.log10(Math.max(1, customers)))));
}

/** List prices end in 9 as shop prices do (1299, 89, 12999). */
function listPrice(raw: number): number {
  if (raw < 100) return Math.max(9, Math.round(raw / 10) * 10 - 1);
  if (raw < 1000) return Math.round(raw / 10) * 10 - 1;
  return Math.round(raw / 100) * 100 - 1;
}

export function buildCatalog(rng: Rng, customers: number): Catalog {
  const total = productCount(customers);
  const weightSum = CATEGORIES.reduce((sum, c) => sum + c.consumerWeight + c.businessWeight + 10, 0);
  const shelves: ProductShelf[] = [];
  const lines: string[] = [];
  const names = new Set<string>();
  for (const category of CATEGORIES) {
    const count = Math.max(
      6,
      Math.round((total * (category.consumerWeight + category.businessWeight + 10)) / weightSum),
    );
    const items: { price: number; cost: number; name: string; noun: string }[] = [];
    for (let i = 0; i < count; i++) {
      const logRange = Math.log(category.maxPrice / category.minPrice);
      const price = listPrice(category.minPrice * Math.exp(rng.float() * logRange));
      const margin = Math.min(0.75, Math.max(0.08, category.margin + 0.04 * rng.normal()));
      const noun = rng.pick(category.products);
      let name = `${noun} ${rng.pick(MODEL_SUFFIXES)}`;
      if (names.has(name)) name = `${noun} ${String.fromCharCode(65 + rng.int(26))}${rng.between(10, 99)}`;
      names.add(name);
      items.push({ price: price * 100, cost: Math.round(price * 100 * (1 - margin)), name, noun });
    }
    items.sort((a, b) => a.price - b.price);
    const skus = items.map((_, i) => `${category.code}-${code("", i + 1, 4)}`);
    items.forEach((item, i) => {
      lines.push(
        `${skus[i]},${csvField(item.name)},${category.name},${money(item.cost)},${money(item.price)}\n`,
      );
    });
    shelves.push({
      category,
      priceCents: Int32Array.from(items.map((item) => item.price)),
      costCents: Int32Array.from(items.map((item) => item.cost)),
      skus,
      nouns: items.map((item) => item.noun),
    });
  }
  return { shelves, lines };
}

/** The most expensive product at or under `budgetCents` (the cheapest if none is). */
export function fitIndex(shelf: ProductShelf, budgetCents: number): number {
  const prices = shelf.priceCents;
  let lo = 0;
  let hi = prices.length - 1;
  if (prices[0]! > budgetCents) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (prices[mid]! <= budgetCents) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
