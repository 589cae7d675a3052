/**
 * Micro-benchmark: building the recommender and recommending on a synthetic shop.
 *
 *   node --import tsx packages/core/src/recommend/recommender.bench.ts [customers] [products] [perCustomer]
 *
 * Defaults: 1M customers, 260 products in 22 categories, ~10 distinct products per customer,
 * 60 peer groups. Prints one JSON line: build seconds (best of three) and microseconds per
 * recommendation (top 3) over 100,000 customers.
 */

import { createRandom } from "../models/simulate.ts";
import { buildRecommender } from "./recommender.ts";

const customers = Number(process.argv[2] ?? 1_000_000);
const products = Number(process.argv[3] ?? 260);
const perCustomer = Number(process.argv[4] ?? 10);
const categories = 22;
const groups = 60;

/** Seeded, so that runs are comparable. */
const random = createRandom(0x9e3779b9);

// Each customer favours two categories (so there is co-purchase structure to find) and picks
// 1 … 2·perCustomer − 1 distinct products, skewed towards the cheap end of each shelf.
const productCategory = Int32Array.from({ length: products }, (_, b) => b % categories);
const offsets = new Uint32Array(customers + 1);
const productIdx: number[] = [];
const orders: number[] = [];
const peerGroup = new Int32Array(customers);
const seen = new Int32Array(products).fill(-1);
for (let i = 0; i < customers; i++) {
  peerGroup[i] = Math.floor(random() * groups);
  const favourites = [Math.floor(random() * categories), Math.floor(random() * categories)];
  const size = 1 + Math.floor(random() * (2 * perCustomer - 1));
  for (let k = 0; k < size; k++) {
    const category = random() < 0.7 ? favourites[k % 2]! : Math.floor(random() * categories);
    const onShelf = Math.ceil(products / categories);
    const b = category + categories * Math.floor(random() * random() * onShelf);
    if (b >= products || seen[b] === i) continue;
    seen[b] = i;
    productIdx.push(b);
    orders.push(1 + Math.floor(random() * random() * 4));
  }
  offsets[i + 1] = productIdx.length;
}
const input = {
  productCategory,
  offsets,
  productIdx: Uint32Array.from(productIdx),
  orders: Float64Array.from(orders),
  peerGroup,
};

let build = Infinity;
let model = buildRecommender(input);
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  model = buildRecommender(input);
  build = Math.min(build, (performance.now() - started) / 1000);
}
const sample = Math.min(customers, 100_000);
const started = performance.now();
let returned = 0;
for (let i = 0; i < sample; i++) returned += model.recommend(i).length;
const perRecommendation = ((performance.now() - started) * 1000) / sample;
console.log(
  JSON.stringify({
    bench: "recommender",
    customers,
    products,
    entries: productIdx.length,
    buildSeconds: Math.round(build * 1000) / 1000,
    recommendMicroseconds: Math.round(perRecommendation * 10) / 10,
    meanReturned: Math.round((returned / sample) * 100) / 100,
  }),
);
