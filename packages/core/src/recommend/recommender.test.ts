import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrownText } from "../errors/thrown.fixture.ts";
import { buildRecommender, type PurchaseInput, type RecommenderOptions } from "./recommender.ts";

/** A customer's basket: product index → distinct orders. */
type Basket = Readonly<Record<number, number>>;

/** The baskets as compressed rows; `reversed` lists each customer's products in descending order. */
function purchases(
  baskets: readonly Basket[],
  productCategory: readonly number[],
  peerGroup?: readonly number[],
  reversed = false,
): PurchaseInput {
  const offsets = [0];
  const productIdx: number[] = [];
  const orders: number[] = [];
  for (const basket of baskets) {
    const entries = Object.entries(basket);
    if (reversed) entries.reverse();
    for (const [product, count] of entries) {
      productIdx.push(Number(product));
      orders.push(count);
    }
    offsets.push(productIdx.length);
  }
  return { productCategory, offsets, productIdx, orders, peerGroup };
}

// Products: 0 printer (category 0), 1 toner and 2 paper (category 1, supplies), 3 chair and 4 desk
// (category 2, furniture). Customers 0–5 are peer group 0, 6–9 group 1; customer 5 never bought.
const PRINTER = 0;
const TONER = 1;
const PAPER = 2;
const CHAIR = 3;
const DESK = 4;
const SHOP = purchases(
  [
    { [PRINTER]: 1, [TONER]: 3, [CHAIR]: 1 },
    { [PRINTER]: 1, [TONER]: 2, [CHAIR]: 2 },
    { [PRINTER]: 2, [TONER]: 1, [DESK]: 1 },
    { [PRINTER]: 1, [CHAIR]: 1 },
    { [PAPER]: 2, [CHAIR]: 1 },
    {},
    { [PAPER]: 1 },
    { [PAPER]: 1, [DESK]: 1 },
    { [TONER]: 1 },
    { [PAPER]: 3 },
  ],
  [0, 1, 1, 2, 2],
  [0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
);
const SMALL: RecommenderOptions = { minPairCustomers: 2, minPeers: 3 };

describe("the pair counts", () => {
  // 9 buyers; printer, toner, paper and chair have 4 buyers each, desk 2.
  const model = buildRecommender(SHOP, SMALL);

  it("counts customers, not orders, and measures lift over the buyers", () => {
    expect(model.customers).toBe(10);
    expect(model.buyers).toBe(9);
    expect(model.categories).toBe(3);
    expect(model.productCustomers(DESK)).toBe(2);
    // Printer and toner: customers 0, 1, 2 → 3 · 9 / (4 · 4).
    expect(model.pairCustomers(PRINTER, TONER)).toBe(3);
    expect(model.lift(PRINTER, TONER)).toBeCloseTo(1.6875, 12);
    expect(model.lift(TONER, PRINTER)).toBeCloseTo(1.6875, 12);
    expect(model.pairCustomers(TONER, CHAIR)).toBe(2);
    expect(model.lift(TONER, CHAIR)).toBeCloseTo(1.125, 12);
    expect(model.pairCustomers(PAPER, PRINTER)).toBe(0);
    expect(model.lift(PAPER, PRINTER)).toBe(0);
    expect(model.pairCustomers(CHAIR, CHAIR)).toBe(0);
  });
});

describe("recommend", () => {
  const model = buildRecommender(SHOP, SMALL);

  it("offers toner to the printer owner who never bought any, because of the printer", () => {
    // Customer 3 has a printer and a chair. Toner: P(toner | printer) = 3/4 at lift 1.6875; the
    // chair's pair with toner (lift 1.125) is below 1.5. The 4 peers all buy supplies (share 1),
    // 3 of the 4 supply pairs are toner: peer 0.75. Score 1 − 0.25 · 0.25; paper only from peers.
    const [toner, paper, ...rest] = model.recommend(3);
    expect(rest).toEqual([]);
    expect(toner!.product).toBe(TONER);
    expect(toner!.score).toBeCloseTo(0.9375, 12);
    expect(toner!.reason).toEqual({
      code: "bought_together",
      anchor: PRINTER,
      lift: expect.closeTo(1.6875, 12),
      confidence: 0.75,
    });
    expect(paper!.product).toBe(PAPER);
    expect(paper!.score).toBeCloseTo(0.25, 12);
    expect(paper!.reason).toEqual({ code: "peers_buy_category", category: 1, share: 1, popularity: 0.25 });
  });

  it("recommends a never-bought customer what their peers buy, ties to the lower product", () => {
    // Customer 5 has 5 peers: printers 4/5 (all printer), supplies 4/5 (toner 3 of 4 pairs),
    // furniture 5/5 (chair 4 of 5).
    const recommended = model.recommend(5);
    expect(recommended.map((r) => r.product)).toEqual([PRINTER, CHAIR, TONER]);
    expect(recommended.map((r) => r.score)).toEqual([
      expect.closeTo(0.8, 12),
      expect.closeTo(0.8, 12),
      expect.closeTo(0.6, 12),
    ]);
    expect(recommended[1]!.reason).toEqual({
      code: "peers_buy_category",
      category: 2,
      share: 1,
      popularity: 0.8,
    });
    expect(model.recommend(5, 5).map((r) => r.product)).toEqual([PRINTER, CHAIR, TONER, PAPER, DESK]);
  });

  it("leaves the customer out of their own peers and skips categories below the minimum share", () => {
    // Customer 8 (toner) has 3 peers: none buys printers, one buys furniture (a desk): share 1/3.
    const [printer, desk] = model.recommend(8);
    expect(printer).toMatchObject({ product: PRINTER, reason: { code: "bought_together", anchor: TONER } });
    expect(printer!.score).toBeCloseTo(0.75, 12);
    expect(desk).toMatchObject({ product: DESK, reason: { code: "peers_buy_category", category: 2 } });
    expect(desk!.score).toBeCloseTo(1 / 3, 12);
    expect(
      buildRecommender(SHOP, { ...SMALL, minPeerShare: 0.4 })
        .recommend(8)
        .map((r) => r.product),
    ).toEqual([PRINTER]);
    // With 4 peers needed, customer 8's group (3 others) gives nothing; customer 5's still does.
    const strict = buildRecommender(SHOP, { ...SMALL, minPeers: 4 });
    expect(strict.recommend(6)).toEqual([]);
    expect(strict.recommend(5)).toHaveLength(3);
  });

  it("never recommends what the customer bought, or with excludeOnceBought off what they buy regularly", () => {
    // Customer 0 has everything but paper and desk, which have no strong pair and no gap category.
    expect(model.recommend(0)).toEqual([]);
    const again = buildRecommender(SHOP, { ...SMALL, excludeOnceBought: false });
    // Toner is on 3 orders: regular. Printer (once) comes back through toner and chair (both
    // at 3/4; the lower anchor is named), chair through the printer.
    expect(again.recommend(0)).toEqual([
      { product: PRINTER, score: 0.75, reason: expect.objectContaining({ anchor: TONER }) },
      { product: CHAIR, score: 0.75, reason: expect.objectContaining({ anchor: PRINTER }) },
    ]);
    const rarely = buildRecommender(SHOP, { ...SMALL, excludeOnceBought: false, regularOrders: 4 });
    expect(rarely.recommend(0).map((r) => r.product)).toEqual([PRINTER, TONER, CHAIR]);
  });

  it("needs enough customers behind a pair", () => {
    expect(buildRecommender(SHOP, { ...SMALL, minPairCustomers: 4 }).recommend(3)[0]).toMatchObject({
      product: TONER,
      reason: { code: "peers_buy_category" },
    });
    expect(buildRecommender(SHOP, { ...SMALL, minLift: 1.7 }).recommend(3)[0]!.reason.code).toBe(
      "peers_buy_category",
    );
  });

  it("works without peer groups, and keeps only the most bought products in the pair matrix beyond the limit", () => {
    const noPeers = buildRecommender({ ...SHOP, peerGroup: undefined }, SMALL);
    expect(noPeers.recommend(3)).toEqual([
      { product: TONER, score: 0.75, reason: expect.objectContaining({ code: "bought_together" }) },
    ]);
    expect(noPeers.recommend(5)).toEqual([]);
    // Printer, toner and paper (4 buyers each, lower indices first) keep their pairs; chair does not.
    const narrow = buildRecommender(SHOP, { ...SMALL, maxPairProducts: 3 });
    expect(narrow.pairCustomers(PRINTER, TONER)).toBe(3);
    expect(narrow.pairCustomers(PRINTER, CHAIR)).toBeNaN();
    expect(narrow.lift(CHAIR, PRINTER)).toBeNaN();
    expect(narrow.recommend(3)[0]).toMatchObject({ product: TONER, reason: { anchor: PRINTER } });
    expect(narrow.recommend(8)[0]!.product).toBe(PRINTER);
  });

  it("returns k or fewer, and nothing for k = 0", () => {
    expect(model.recommend(5, 1)).toHaveLength(1);
    expect(model.recommend(5, 0)).toEqual([]);
    expect(model.recommend(5, 50)).toHaveLength(5);
  });
});

describe("recommendBasket: a customer the model was not built on", () => {
  const model = buildRecommender(SHOP, SMALL);
  const basketOf = (customer: Basket) =>
    Object.entries(customer).map(([product, orders]) => ({ product: Number(product), orders }));

  it("ranks a basket as the model ranks a customer with it, counting every group buyer as a peer", () => {
    // Customer 5 never bought: with no basket there is nobody to leave out of the peers.
    expect(model.recommendBasket([], 0, 5)).toEqual(model.recommend(5, 5));
    // Without peer groups only the pairs count, and they are the model's: the same as in the model.
    const noPeers = buildRecommender({ ...SHOP, peerGroup: undefined }, SMALL);
    expect(noPeers.recommendBasket(basketOf({ [TONER]: 1 }), Number.NaN)).toEqual(noPeers.recommend(8));
    // Customer 8 (toner) has 3 peers in the model; from outside, all 4 of group 1's buyers are: the
    // desk's category share is 1/4, below a minimum of 0.3, while in the model it is 1/3.
    const outside = buildRecommender(SHOP, { ...SMALL, minPeerShare: 0.3 });
    expect(outside.recommend(8).map((r) => r.product)).toEqual([PRINTER, DESK]);
    expect(outside.recommendBasket(basketOf({ [TONER]: 1 }), 1).map((r) => r.product)).toEqual([PRINTER]);
  });

  it("has no peers for a group the model has no counts for, and refuses a basket it cannot read", () => {
    expect(model.recommendBasket([], 7)).toEqual([]);
    expect(model.recommendBasket([], -1)).toEqual([]);
    expect(() => model.recommendBasket([{ product: 9, orders: 1 }], 0)).toThrow(/product/i);
    expect(() =>
      model.recommendBasket(basketOf({ [TONER]: 1, [PAPER]: 2 }).concat({ product: TONER, orders: 1 }), 0),
    ).toThrow();
    expect(() => model.recommendBasket([{ product: TONER, orders: 0 }], 0)).toThrow();
  });
});

describe("input checks", () => {
  const code = (input: Partial<PurchaseInput>, options: RecommenderOptions = {}) => {
    try {
      buildRecommender({ ...SHOP, ...input }, options);
    } catch (error) {
      return (error as { code: string; message: string }).code;
    }
    return "none";
  };

  it("names what is wrong and where", () => {
    expect(code({ offsets: [0, 2, 1, 3] })).toBe("RECOMMEND_INVALID_OFFSETS");
    expect(code({ offsets: [1] })).toBe("RECOMMEND_INVALID_OFFSETS");
    expect(code({ offsets: [] })).toBe("RECOMMEND_INVALID_OFFSETS");
    expect(code({ productCategory: [0, 1, 1, 2] })).toBe("RECOMMEND_INVALID_PRODUCT");
    expect(code({ productCategory: [0, 1, 1.5, 2, 2] })).toBe("RECOMMEND_INVALID_INDEX");
    expect(code({ peerGroup: [0, 1] })).toBe("RECOMMEND_LENGTH_MISMATCH");
    expect(code({ orders: [0, ...Array.from(SHOP.orders).slice(1)] })).toBe("RECOMMEND_INVALID_ORDERS");
    expect(code({ offsets: [0, 2], productIdx: [1, 1], orders: [1, 1], peerGroup: [0] })).toBe(
      "RECOMMEND_DUPLICATE_PRODUCT",
    );
    expect(code({}, { minLift: -1 })).toBe("RECOMMEND_INVALID_OPTION");
    expect(code({}, { minPeerShare: 2 })).toBe("RECOMMEND_INVALID_OPTION");
    expect(code({ peerGroup: [0, 0, 0, 0, 0, 0, 1, 1, 1, Number.NaN] })).toBe("none");

    expect(thrownText(() => buildRecommender({ ...SHOP, offsets: [0, 3, 2, 3] }), "zh-CN")).toBe(
      "offsets[2] 的值 2 无效：offsets 应从 0 开始、不递减，最后一个值等于购买记录数 18。",
    );
    expect(thrownText(() => buildRecommender({ ...SHOP, peerGroup: [0, 1] }), "zh-CN")).toBe(
      "输入列 peerGroup 有 2 个值，应与 offsets.length − 1 一致，为 10 个。",
    );
    expect(
      thrownText(
        () =>
          buildRecommender({ ...SHOP, productIdx: [0, 1, 3, 9, ...Array.from(SHOP.productIdx).slice(4)] }),
        "zh-CN",
      ),
    ).toBe("序号为 1 的客户的购买记录 productIdx[3] 指向不存在的商品 9（商品序号应为 0 … 4）。");
    expect(() => buildRecommender(SHOP).recommend(10)).toThrow(
      expect.objectContaining({ code: "RECOMMEND_INVALID_OPTION" }),
    );
    expect(() => buildRecommender(SHOP).recommend(1, 1.5)).toThrow(
      expect.objectContaining({ code: "RECOMMEND_INVALID_OPTION" }),
    );
  });

  it("refuses peer groups too fine to count", () => {
    // 1,000 one-customer groups × 40,000 products is beyond the 2^25 cells.
    const customers = 1000;
    const input: PurchaseInput = {
      productCategory: new Float64Array(40_000),
      offsets: Array.from({ length: customers + 1 }, (_, i) => i),
      productIdx: Array.from({ length: customers }, (_, i) => i),
      orders: new Array(customers).fill(1),
      peerGroup: Array.from({ length: customers }, (_, i) => i),
    };
    expect(() => buildRecommender(input, { minPeers: 1, maxPairProducts: 10 })).toThrow(
      expect.objectContaining({ code: "RECOMMEND_TOO_MANY_PEER_CELLS" }),
    );
  });
});

/**
 * The model restated naively, with sets and the formulas of the doc comment, to compare the
 * typed-array implementation against on random shops.
 */
function referenceScores(
  baskets: readonly Basket[],
  categoryOf: readonly number[],
  groupOf: readonly number[],
  customer: number,
  options: Required<Pick<RecommenderOptions, "minPairCustomers" | "minLift" | "minPeers" | "minPeerShare">>,
): Map<number, number> {
  const bought = baskets.map((basket) => new Set(Object.keys(basket).map(Number)));
  const buyers = bought.filter((set) => set.size > 0);
  const buyersOf = (b: number) => buyers.filter((set) => set.has(b)).length;
  const mine = bought[customer]!;
  const group = groupOf[customer]!;
  const peers = bought.filter(
    (set, i) => i !== customer && set.size > 0 && group >= 0 && groupOf[i] === group,
  );
  const myCategories = new Set([...mine].map((b) => categoryOf[b]));
  const scores = new Map<number, number>();
  categoryOf.forEach((category, b) => {
    if (mine.has(b)) return;
    let pair = 0;
    for (const a of mine) {
      const both = buyers.filter((set) => set.has(a) && set.has(b)).length;
      const confidence = both / buyersOf(a);
      if (both >= options.minPairCustomers && (confidence * buyers.length) / buyersOf(b) >= options.minLift)
        pair = Math.max(pair, confidence);
    }
    let peer = 0;
    if (peers.length >= options.minPeers && !myCategories.has(category)) {
      const share =
        peers.filter((set) => [...set].some((x) => categoryOf[x] === category)).length / peers.length;
      const inCategory = peers.reduce(
        (sum, set) => sum + [...set].filter((x) => categoryOf[x] === category).length,
        0,
      );
      const withB = peers.filter((set) => set.has(b)).length;
      if (share >= options.minPeerShare && inCategory > 0) peer = (share * withB) / inCategory;
    }
    const score = 1 - (1 - pair) * (1 - peer);
    if (score > 0) scores.set(b, score);
  });
  return scores;
}

describe("on random shops", () => {
  const shop = fc
    .record({ products: fc.integer({ min: 1, max: 8 }), customers: fc.integer({ min: 1, max: 40 }) })
    .chain(({ products, customers }) =>
      fc.record({
        categoryOf: fc.array(fc.integer({ min: 0, max: Math.min(2, products - 1) }), {
          minLength: products,
          maxLength: products,
        }),
        baskets: fc.array(
          fc.dictionary(
            fc.integer({ min: 0, max: products - 1 }).map(String),
            fc.integer({ min: 1, max: 4 }),
            { maxKeys: products },
          ),
          { minLength: customers, maxLength: customers },
        ),
        groupOf: fc.array(fc.integer({ min: -1, max: Math.min(2, customers - 1) }), {
          minLength: customers,
          maxLength: customers,
        }),
        minPairCustomers: fc.integer({ min: 1, max: 4 }),
        minLift: fc.constantFrom(0, 1, 1.5),
        minPeers: fc.integer({ min: 1, max: 5 }),
        minPeerShare: fc.constantFrom(0, 0.2, 0.5),
      }),
    );

  it("agrees with the naive restatement: same products, same scores, best first", () => {
    fc.assert(
      fc.property(shop, ({ baskets, categoryOf, groupOf, ...options }) => {
        const model = buildRecommender(purchases(baskets, categoryOf, groupOf), options);
        baskets.forEach((basket, customer) => {
          const expected = referenceScores(baskets, categoryOf, groupOf, customer, options);
          const got = model.recommend(customer, categoryOf.length);
          expect(got.map((r) => r.product).sort()).toEqual([...expected.keys()].sort());
          for (const r of got) {
            expect(r.score).toBeCloseTo(expected.get(r.product)!, 12);
            expect(basket[r.product]).toBeUndefined();
            expect(r.score).toBeGreaterThan(0);
            expect(r.score).toBeLessThanOrEqual(1);
          }
          got.slice(1).forEach((r, i) => {
            expect(r.score).toBeLessThanOrEqual(got[i]!.score);
          });
          const top = model.recommend(customer, 2);
          expect(top).toEqual(got.slice(0, 2));
        });
      }),
      { numRuns: 150 },
    );
  });

  it("names an anchor the customer bought, or a category they never bought, whatever the entry order", () => {
    fc.assert(
      fc.property(shop, ({ baskets, categoryOf, groupOf, ...options }) => {
        const settings = { ...options, excludeOnceBought: false };
        const model = buildRecommender(purchases(baskets, categoryOf, groupOf), settings);
        const reversed = buildRecommender(purchases(baskets, categoryOf, groupOf, true), settings);
        baskets.forEach((basket, customer) => {
          const recommended = model.recommend(customer, 3);
          // The order of a customer's entries (an unordered GROUP BY's) changes nothing, not even the anchor.
          expect(reversed.recommend(customer, 3)).toEqual(recommended);
          for (const { product, reason } of recommended) {
            expect(basket[product] ?? 1).toBeLessThan(2);
            if (reason.code === "bought_together") {
              expect(basket[reason.anchor]).toBeDefined();
              expect(reason.lift).toBeCloseTo(model.lift(reason.anchor, product), 12);
              expect(reason.lift).toBeGreaterThanOrEqual(options.minLift);
            } else {
              const mine = Object.keys(basket).map((b) => categoryOf[Number(b)]);
              expect(mine).not.toContain(reason.category);
              expect(reason.share).toBeGreaterThanOrEqual(options.minPeerShare);
            }
          }
        });
      }),
      { numRuns: 100 },
    );
  });
});
