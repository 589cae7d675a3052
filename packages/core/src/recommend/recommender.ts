/**
 * Next-best products per customer, from two kinds of evidence that a sales rep can repeat to the
 * customer:
 *
 * - co-purchase lift: customers who bought one of this customer's products (the anchor) buy the
 *   candidate far more often than customers at large ("bought together");
 * - category gap: most of the customer's peers (by default same grade and industry) buy in a
 *   category this customer never bought, and the candidate is what those peers buy there
 *   ("peers buy the category").
 *
 * Baskets are the set of products a customer has ever bought, not single orders: in B2B and in
 * durable goods the printer and its toner are rarely on the same order, but they are bought by the
 * same customers. Counting customers rather than orders also keeps one heavy buyer from making a
 * pair look common.
 *
 * Size bound: the pair counts are a dense products × products matrix of 32-bit counts (4·m²
 * bytes: 270 KB for the demo's ~260 products, 100 MB for 5,000). Beyond `maxPairProducts`
 * (default 5,000) only that many most-bought products take part in the pair counts; the others
 * can still be recommended from the category gap. Building on 1M customers with ~10 products each
 * (45M pair increments) takes well under a second; recommending for one customer reads
 * basket size × m pair counts plus one pass over the products, a few microseconds for m = 260.
 */
import { checkRange, RecommendError } from "./errors.ts";

/** One value per customer or per product; `NaN` means none (no category, no peer group). */
export type Column = ArrayLike<number>;

/**
 * What every customer bought, in compressed sparse rows: customer i's entries are
 * `offsets[i] … offsets[i + 1] − 1` of `productIdx` and `orders`. Customers who never bought have
 * an empty range (and can still be recommended products from their peers).
 */
export interface PurchaseInput {
  /**
   * Category index of every product, 0 … products − 1 (number them 0, 1, … in any order); the
   * column's length is the number of products. `NaN` or negative: no category.
   */
  readonly productCategory: Column;
  /** Start of each customer's entries, customers + 1 values: 0, …, the number of entries. */
  readonly offsets: Column;
  /** Product index (into `productCategory`) of each entry; each product at most once per customer. */
  readonly productIdx: Column;
  /** On how many distinct orders the customer bought the product: at least 1. */
  readonly orders: Column;
  /**
   * Peer group index of every customer, 0 … customers − 1 (one value per customer), e.g. grade ×
   * industry numbered by the caller. `NaN` or negative: no peer group, so no category-gap
   * recommendations. Without the column nobody has peers.
   */
  readonly peerGroup?: Column;
}

export interface RecommenderOptions {
  /** A product bought on at least this many distinct orders is bought regularly and is never recommended. Default 2. */
  readonly regularOrders?: number;
  /**
   * Also leave out products bought fewer times than that (once). Default true: a next-best
   * product is something the customer does not have yet, and a rep who offers the printer the
   * customer bought last month looks uninformed. Set false to let once-bought products come back
   * (consumables, say) when customers with the same anchors keep buying them.
   */
  readonly excludeOnceBought?: boolean;
  /** A pair counts only if at least this many customers bought both products. Default 10. */
  readonly minPairCustomers?: number;
  /** A pair counts only if its lift is at least this. Default 1.5: clearly more often than chance. */
  readonly minLift?: number;
  /** Peers (buyers in the customer's group other than the customer) needed for category-gap recommendations. Default 10. */
  readonly minPeers?: number;
  /** Share of peers who must buy a category for it to count as a gap. Default 0.2 (one in five). */
  readonly minPeerShare?: number;
  /** Most products in the dense pair matrix; see the size bound above. Default 5,000. */
  readonly maxPairProducts?: number;
}

/** Why a product is recommended, with the model's figures; the engine adds names for people. */
export type RecommendationReason =
  | {
      readonly code: "bought_together";
      /** The customer's product whose buyers buy the recommended one most often. */
      readonly anchor: number;
      /** P(recommended | anchor) / P(recommended), over customers. */
      readonly lift: number;
      /** P(recommended | anchor): the share of the anchor's buyers who bought it. */
      readonly confidence: number;
    }
  | {
      readonly code: "peers_buy_category";
      readonly category: number;
      /** Share of the customer's peers who buy in the category. */
      readonly share: number;
      /** The product's share of the peers' purchases in the category (customer–product pairs). */
      readonly popularity: number;
    };

export interface Recommendation {
  readonly product: number;
  /** 0..1, higher first; see `Recommender.recommend`. */
  readonly score: number;
  readonly reason: RecommendationReason;
}

/** More peer group × product cells than this (128 MB of counts) means the groups are too fine to mean anything. */
const MAX_PEER_CELLS = 1 << 25;

interface Settings {
  regularOrders: number;
  excludeOnceBought: boolean;
  minPairCustomers: number;
  minLift: number;
  minPeers: number;
  minPeerShare: number;
  maxPairProducts: number;
}

function settingsOf(options: RecommenderOptions): Settings {
  const settings: Settings = {
    regularOrders: options.regularOrders ?? 2,
    excludeOnceBought: options.excludeOnceBought ?? true,
    minPairCustomers: options.minPairCustomers ?? 10,
    minLift: options.minLift ?? 1.5,
    minPeers: options.minPeers ?? 10,
    minPeerShare: options.minPeerShare ?? 0.2,
    maxPairProducts: options.maxPairProducts ?? 5000,
  };
  checkRange("regularOrders", settings.regularOrders, 1, Infinity);
  checkRange("minPairCustomers", settings.minPairCustomers, 1, Infinity);
  checkRange("minLift", settings.minLift, 0, Infinity);
  checkRange("minPeers", settings.minPeers, 1, Infinity);
  checkRange("minPeerShare", settings.minPeerShare, 0, 1);
  checkRange("maxPairProducts", settings.maxPairProducts, 1, 20_000);
  return settings;
}

/**
 * An index column as Int32Array: integers 0 … limit − 1 kept, `NaN` and negatives as −1 (none),
 * anything else an error naming the column and position.
 */
function indexColumn(values: Column, column: string, limit: number): { index: Int32Array; count: number } {
  const n = values.length;
  const index = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || v < 0) {
      index[i] = -1;
    } else if (Number.isInteger(v) && v < limit) {
      index[i] = v;
      if (v >= count) count = v + 1;
    } else {
      throw new RecommendError("RECOMMEND_INVALID_INDEX", { column, index: i, value: v, last: limit - 1 });
    }
  }
  return { index, count };
}

function lengthMismatch(column: string, actual: number, expected: number, per: string): RecommendError {
  return new RecommendError("RECOMMEND_LENGTH_MISMATCH", { column, actual, expected, per });
}

/** Builds the model: pair counts over customers and purchase counts per peer group. Validates the input first. */
export function buildRecommender(input: PurchaseInput, options: RecommenderOptions = {}): Recommender {
  return new Recommender(input, settingsOf(options));
}

export class Recommender {
  readonly customers: number;
  readonly products: number;
  /** Categories: one more than the largest category index. */
  readonly categories: number;
  /** Customers with at least one purchase: the population lift is measured on. */
  readonly buyers: number;

  private readonly settings: Settings;
  private readonly offsets: Uint32Array;
  private readonly entries: Uint32Array;
  /** 1 for entries the customer may not be recommended again. */
  private readonly excluded: Uint8Array;
  private readonly category: Int32Array;
  /** Customers who bought each product. */
  private readonly support: Uint32Array;
  /** Products in the pair matrix: slot → product, product → slot (−1 outside it). */
  private readonly slotProduct: Int32Array;
  private readonly productSlot: Int32Array;
  /** Customers who bought both products of two slots, slots² counts, symmetric, 0 on the diagonal. */
  private readonly pairs: Uint32Array;
  /** Peer group of each customer as a slot into the peer counts (−1: no group big enough). */
  private readonly customerGroup: Int32Array;
  /** Slot of each peer group index of the input (−1: too few buyers), for baskets from outside. */
  private readonly slotOfGroup: Int32Array;
  private readonly groupBuyers: Uint32Array;
  /** Buyers of each product in each group slot (slots × products). */
  private readonly groupProduct: Uint32Array;
  /** Buyers of each category in each group slot (slots × categories). */
  private readonly groupCategory: Uint32Array;
  /** Σ over the category's products of their buyers in the group: popularity's denominator. */
  private readonly groupCategoryPairs: Uint32Array;
  // Scratch space of `recommend`, reused so that a call allocates only its result.
  private readonly pairBest: Float64Array;
  private readonly pairAnchor: Int32Array;
  private readonly productMark: Int32Array;
  private readonly categoryMark: Int32Array;
  private mark = 0;

  /** Use `buildRecommender`, which checks the options. */
  constructor(input: PurchaseInput, settings: Settings) {
    this.settings = settings;
    const p = input.productCategory.length;
    this.products = p;
    const categories = indexColumn(input.productCategory, "productCategory", Math.max(p, 1));
    this.category = categories.index;
    this.categories = categories.count;
    const n = this.validateOffsets(input);
    this.customers = n;
    this.offsets = Uint32Array.from(input.offsets);
    const { entries, excluded, support, buyers } = this.readEntries(input);
    this.entries = entries;
    this.excluded = excluded;
    this.support = support;
    this.buyers = buyers;

    const { slotProduct, productSlot } = this.pairSlots();
    this.slotProduct = slotProduct;
    this.productSlot = productSlot;
    this.pairs = this.countPairs();

    const peers = this.countPeers(input.peerGroup);
    this.customerGroup = peers.customerGroup;
    this.slotOfGroup = peers.slotOfGroup;
    this.groupBuyers = peers.groupBuyers;
    this.groupProduct = peers.groupProduct;
    this.groupCategory = peers.groupCategory;
    this.groupCategoryPairs = peers.groupCategoryPairs;

    this.pairBest = new Float64Array(p);
    this.pairAnchor = new Int32Array(p);
    this.productMark = new Int32Array(p);
    this.categoryMark = new Int32Array(this.categories);
  }

  private validateOffsets(input: PurchaseInput): number {
    const { offsets, productIdx, orders } = input;
    const total = productIdx.length;
    if (offsets.length === 0) {
      throw new RecommendError("RECOMMEND_INVALID_OFFSETS", { index: 0, value: "—", total });
    }
    const n = offsets.length - 1;
    let previous = 0;
    for (let i = 0; i <= n; i++) {
      const v = offsets[i]!;
      const bad = i === 0 ? v !== 0 : !(Number.isInteger(v) && v >= previous && v <= total);
      if (bad || (i === n && v !== total)) {
        throw new RecommendError("RECOMMEND_INVALID_OFFSETS", { index: i, value: v, total });
      }
      previous = v;
    }
    if (orders.length !== total) throw lengthMismatch("orders", orders.length, total, "productIdx");
    if (input.peerGroup && input.peerGroup.length !== n) {
      throw lengthMismatch("peerGroup", input.peerGroup.length, n, "offsets.length − 1");
    }
    return n;
  }

  private readEntries(input: PurchaseInput) {
    const { productIdx, orders } = input;
    const n = this.customers;
    const p = this.products;
    const total = productIdx.length;
    const entries = new Uint32Array(total);
    const excluded = new Uint8Array(total);
    const support = new Uint32Array(p);
    // The customer who last had each product: duplicates within a customer without clearing between customers.
    const seen = new Int32Array(p).fill(-1);
    const { regularOrders, excludeOnceBought } = this.settings;
    let buyers = 0;
    for (let i = 0; i < n; i++) {
      const from = this.offsets[i]!;
      const to = this.offsets[i + 1]!;
      if (to > from) buyers++;
      for (let e = from; e < to; e++) {
        const b = productIdx[e]!;
        if (!(Number.isInteger(b) && b >= 0 && b < p)) {
          throw new RecommendError("RECOMMEND_INVALID_PRODUCT", {
            customer: i,
            entry: e,
            product: b,
            last: p - 1,
          });
        }
        if (seen[b] === i) {
          throw new RecommendError("RECOMMEND_DUPLICATE_PRODUCT", { customer: i, product: b, entry: e });
        }
        seen[b] = i;
        const count = orders[e]!;
        if (!(count >= 1)) {
          throw new RecommendError("RECOMMEND_INVALID_ORDERS", { customer: i, entry: e, value: count });
        }
        entries[e] = b;
        excluded[e] = excludeOnceBought || count >= regularOrders ? 1 : 0;
        support[b]!++;
      }
    }
    return { entries, excluded, support, buyers };
  }

  /** Every product when they fit, otherwise the `maxPairProducts` most bought (ties: lower index). */
  private pairSlots(): { slotProduct: Int32Array; productSlot: Int32Array } {
    const p = this.products;
    const productSlot = new Int32Array(p).fill(-1);
    let chosen: Int32Array;
    if (p <= this.settings.maxPairProducts) {
      chosen = Int32Array.from({ length: p }, (_, b) => b);
    } else {
      const bySupport = Array.from({ length: p }, (_, b) => b);
      bySupport.sort((a, b) => this.support[b]! - this.support[a]! || a - b);
      chosen = Int32Array.from(bySupport.slice(0, this.settings.maxPairProducts)).sort();
    }
    chosen.forEach((b, slot) => {
      productSlot[b] = slot;
    });
    return { slotProduct: chosen, productSlot };
  }

  private countPairs(): Uint32Array {
    const m = this.slotProduct.length;
    const pairs = new Uint32Array(m * m);
    const slots = new Int32Array(this.products);
    const { offsets, entries, productSlot } = this;
    for (let i = 0; i < this.customers; i++) {
      let size = 0;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const slot = productSlot[entries[e]!]!;
        if (slot >= 0) slots[size++] = slot;
      }
      // Upper triangle only; mirrored below, which halves the increments.
      for (let x = 0; x < size; x++) {
        const sx = slots[x]!;
        for (let y = x + 1; y < size; y++) {
          const sy = slots[y]!;
          if (sx < sy) pairs[sx * m + sy]!++;
          else pairs[sy * m + sx]!++;
        }
      }
    }
    for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) pairs[b * m + a] = pairs[a * m + b]!;
    return pairs;
  }

  /**
   * Purchase counts per peer group. Only groups with at least `minPeers` buyers get counts: the
   * others could never give a category-gap recommendation, and leaving them out bounds the
   * memory by customers ÷ minPeers groups.
   */
  private countPeers(peerGroup: Column | undefined) {
    const n = this.customers;
    const p = this.products;
    const c = this.categories;
    const customerGroup = new Int32Array(n).fill(-1);
    if (!peerGroup) {
      const none = new Uint32Array(0);
      return {
        customerGroup,
        slotOfGroup: new Int32Array(0),
        groupBuyers: none,
        groupProduct: none,
        groupCategory: none,
        groupCategoryPairs: none,
      };
    }
    const { index: group, count: groups } = indexColumn(peerGroup, "peerGroup", Math.max(n, 1));
    const { offsets, entries, category } = this;
    const buyersPerGroup = new Uint32Array(groups);
    for (let i = 0; i < n; i++)
      if (group[i]! >= 0 && offsets[i + 1]! > offsets[i]!) buyersPerGroup[group[i]!]!++;
    const slotOfGroup = new Int32Array(groups).fill(-1);
    let slots = 0;
    for (let g = 0; g < groups; g++)
      if (buyersPerGroup[g]! >= this.settings.minPeers) slotOfGroup[g] = slots++;
    if (slots * Math.max(p, c) > MAX_PEER_CELLS) {
      throw new RecommendError("RECOMMEND_TOO_MANY_PEER_CELLS", {
        groups: slots,
        products: p,
        limit: MAX_PEER_CELLS,
      });
    }
    const groupBuyers = new Uint32Array(slots);
    const groupProduct = new Uint32Array(slots * p);
    const groupCategory = new Uint32Array(slots * c);
    const lastBuyer = new Int32Array(c).fill(-1);
    for (let i = 0; i < n; i++) {
      const g = group[i]! >= 0 ? slotOfGroup[group[i]!]! : -1;
      customerGroup[i] = g;
      if (g < 0 || offsets[i + 1] === offsets[i]) continue;
      groupBuyers[g]!++;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const b = entries[e]!;
        groupProduct[g * p + b]!++;
        const k = category[b]!;
        if (k >= 0 && lastBuyer[k] !== i) {
          lastBuyer[k] = i;
          groupCategory[g * c + k]!++;
        }
      }
    }
    const groupCategoryPairs = new Uint32Array(slots * c);
    for (let g = 0; g < slots; g++) {
      for (let b = 0; b < p; b++) {
        const k = category[b]!;
        if (k >= 0) groupCategoryPairs[g * c + k]! += groupProduct[g * p + b]!;
      }
    }
    return { customerGroup, slotOfGroup, groupBuyers, groupProduct, groupCategory, groupCategoryPairs };
  }

  /** Customers who bought product `b`. */
  productCustomers(b: number): number {
    return this.support[b] ?? Number.NaN;
  }

  /** Customers who bought both `a` and `b`; `NaN` when either is outside the pair matrix. */
  pairCustomers(a: number, b: number): number {
    const sa = this.productSlot[a] ?? -1;
    const sb = this.productSlot[b] ?? -1;
    if (sa < 0 || sb < 0) return Number.NaN;
    return this.pairs[sa * this.slotProduct.length + sb]!;
  }

  /**
   * lift(a → b) = P(b | a) / P(b) = both · buyers / (buyers of a · buyers of b), over customers; it
   * is symmetric. `NaN` when either product has no buyers or is outside the pair matrix.
   */
  lift(a: number, b: number): number {
    const both = this.pairCustomers(a, b);
    const sa = this.support[a] ?? 0;
    const sb = this.support[b] ?? 0;
    if (Number.isNaN(both) || sa === 0 || sb === 0) return Number.NaN;
    return (both * this.buyers) / (sa * sb);
  }

  /**
   * The top `k` (default 3) products for customer `customer` (its index in the input), best first.
   *
   * Each candidate b gets two estimates of the chance that a customer like this one buys it:
   *
   * - pair = max over the customer's products a of P(b | a) = both / buyers of a, counting only
   *   pairs bought by at least `minPairCustomers` customers with lift ≥ `minLift`. For a fixed b,
   *   the anchor with the highest P(b | a) is also the one with the highest lift (P(b) is the
   *   same for all), and it is the anchor the reason names.
   * - peer = share × popularity, for b in a category the customer never bought: share = peers who
   *   buy the category ÷ peers (the group's buyers other than the customer; at least
   *   `minPeers`, share at least `minPeerShare`), popularity = b's buyers among the peers ÷ the
   *   peers' customer–product pairs in the category. Popularity sums to 1 over a category, so
   *   peer is the chance of buying in the gap category times the chance that the pick is b.
   *
   * score = 1 − (1 − pair)(1 − peer). Both parts are probabilities of the same event from
   * different evidence, so they combine as independent chances (noisy-OR) instead of with a
   * weight nobody could justify: the score stays in 0..1, equals either part when the other is
   * 0, and a product both signals back outranks one only one backs. The reason is the larger
   * part. Excluded: products bought regularly (on ≥ `regularOrders` orders) and, by default,
   * every product already bought (see `excludeOnceBought`). Products scoring 0 are not
   * returned, so there may be fewer than k. Equal scores go to the lower product index.
   */
  recommend(customer: number, k = 3): Recommendation[] {
    if (!(Number.isInteger(customer) && customer >= 0 && customer < this.customers)) {
      throw new RecommendError("RECOMMEND_INVALID_OPTION", {
        option: "customer",
        value: customer,
        expected: `0 … ${this.customers - 1}`,
      });
    }
    const from = this.offsets[customer]!;
    const to = this.offsets[customer + 1]!;
    const g = this.customerGroup[customer]!;
    // The customer is one of the group's buyers; the peers are the others.
    const peers = g >= 0 ? this.groupBuyers[g]! - (to > from ? 1 : 0) : 0;
    return this.rank(this.entries.subarray(from, to), this.excluded.subarray(from, to), g, peers, k);
  }

  /**
   * The same ranking for a customer the model was not built on (one added since, or outside the
   * sample it learnt from): its basket (each product once, with the number of distinct orders it
   * was on, as in `PurchaseInput`) and its peer group index in the numbering the model was built
   * with (`NaN` or negative: none). The customer is not among the group's counted buyers, so all
   * of them are peers.
   */
  recommendBasket(
    basket: readonly { readonly product: number; readonly orders: number }[],
    peerGroup: number,
    k = 3,
  ): Recommendation[] {
    const p = this.products;
    const products = new Uint32Array(basket.length);
    const excluded = new Uint8Array(basket.length);
    const seen = new Set<number>();
    const { regularOrders, excludeOnceBought } = this.settings;
    basket.forEach(({ product, orders }, e) => {
      if (!(Number.isInteger(product) && product >= 0 && product < p)) {
        throw new RecommendError("RECOMMEND_INVALID_PRODUCT", {
          customer: -1,
          entry: e,
          product,
          last: p - 1,
        });
      }
      if (seen.has(product))
        throw new RecommendError("RECOMMEND_DUPLICATE_PRODUCT", { customer: -1, product, entry: e });
      seen.add(product);
      if (!(orders >= 1))
        throw new RecommendError("RECOMMEND_INVALID_ORDERS", { customer: -1, entry: e, value: orders });
      products[e] = product;
      excluded[e] = excludeOnceBought || orders >= regularOrders ? 1 : 0;
    });
    const g =
      Number.isInteger(peerGroup) && peerGroup >= 0 && peerGroup < this.slotOfGroup.length
        ? this.slotOfGroup[peerGroup]!
        : -1;
    return this.rank(products, excluded, g, g >= 0 ? this.groupBuyers[g]! : 0, k);
  }

  /** The top k for a basket (`products`, with `excluded` flags) in peer group slot g with `peers` peers. */
  private rank(
    products: Uint32Array,
    excluded: Uint8Array,
    g: number,
    peers: number,
    k: number,
  ): Recommendation[] {
    if (!(Number.isInteger(k) && k >= 0)) {
      throw new RecommendError("RECOMMEND_INVALID_OPTION", { option: "k", value: k, expected: "0, 1, 2, …" });
    }
    k = Math.min(k, this.products);
    if (k === 0) return [];

    const { category, support, productMark, categoryMark, pairBest, pairAnchor } = this;
    const p = this.products;
    // Marks instead of clearing: a product or category carries this call's number when it applies.
    if (this.mark === 0x7fffffff) {
      productMark.fill(0);
      categoryMark.fill(0);
      this.mark = 0;
    }
    const mark = ++this.mark;
    for (let e = 0; e < products.length; e++) {
      const b = products[e]!;
      if (excluded[e]) productMark[b] = mark;
      const c = category[b]!;
      if (c >= 0) categoryMark[c] = mark;
    }

    pairBest.fill(0);
    this.scorePairs(products);

    const hasPeers = peers >= this.settings.minPeers;
    const top = new TopK(k);
    for (let b = 0; b < p; b++) {
      if (productMark[b] === mark) continue;
      const pair = pairBest[b]!;
      const c = category[b]!;
      const peer = hasPeers && c >= 0 && categoryMark[c] !== mark ? this.peerPart(g, peers, b, c) : 0;
      const score = 1 - (1 - pair) * (1 - peer);
      if (score > 0) top.offer(b, score, pair >= peer);
    }

    const out: Recommendation[] = [];
    for (let r = 0; r < top.size; r++) {
      const b = top.products[r]!;
      let reason: RecommendationReason;
      if (top.fromPair[r]) {
        const confidence = pairBest[b]!;
        reason = {
          code: "bought_together",
          anchor: pairAnchor[b]!,
          lift: (confidence * this.buyers) / support[b]!,
          confidence,
        };
      } else {
        const c = category[b]!;
        const cells = this.categories;
        reason = {
          code: "peers_buy_category",
          category: c,
          share: this.groupCategory[g * cells + c]! / peers,
          popularity: this.groupProduct[g * p + b]! / this.groupCategoryPairs[g * cells + c]!,
        };
      }
      out.push({ product: b, score: top.scores[r]!, reason });
    }
    return out;
  }

  /** Best P(b | a) over the anchors a in `basket`, into pairBest and pairAnchor. */
  private scorePairs(basket: Uint32Array): void {
    const { productSlot, slotProduct, pairs, support, pairBest, pairAnchor } = this;
    const { minPairCustomers, minLift } = this.settings;
    const m = slotProduct.length;
    const buyers = this.buyers;
    for (const a of basket) {
      const sa = productSlot[a]!;
      if (sa < 0) continue;
      const anchorBuyers = support[a]!;
      const row = sa * m;
      for (let sb = 0; sb < m; sb++) {
        const both = pairs[row + sb]!;
        if (both < minPairCustomers) continue;
        const b = slotProduct[sb]!;
        const confidence = both / anchorBuyers;
        if ((confidence * buyers) / support[b]! < minLift) continue;
        const best = pairBest[b]!;
        if (confidence > best || (confidence === best && a < pairAnchor[b]!)) {
          pairBest[b] = confidence;
          pairAnchor[b] = a;
        }
      }
    }
  }

  private peerPart(g: number, peers: number, b: number, c: number): number {
    const cells = this.categories;
    const share = this.groupCategory[g * cells + c]! / peers;
    if (share < this.settings.minPeerShare) return 0;
    const pairsInCategory = this.groupCategoryPairs[g * cells + c]!;
    return pairsInCategory > 0 ? (share * this.groupProduct[g * this.products + b]!) / pairsInCategory : 0;
  }
}

/** The k best products seen so far, best first; a later product must score strictly higher to pass an earlier one. */
class TopK {
  readonly products: Int32Array;
  readonly scores: Float64Array;
  readonly fromPair: Uint8Array;
  size = 0;

  constructor(private readonly k: number) {
    this.products = new Int32Array(k);
    this.scores = new Float64Array(k);
    this.fromPair = new Uint8Array(k);
  }

  offer(product: number, score: number, fromPair: boolean): void {
    if (this.size === this.k && !(score > this.scores[this.k - 1]!)) return;
    let at = Math.min(this.size, this.k - 1);
    while (at > 0 && score > this.scores[at - 1]!) {
      this.products[at] = this.products[at - 1]!;
      this.scores[at] = this.scores[at - 1]!;
      this.fromPair[at] = this.fromPair[at - 1]!;
      at--;
    }
    this.products[at] = product;
    this.scores[at] = score;
    this.fromPair[at] = fromPair ? 1 : 0;
    if (this.size < this.k) this.size++;
  }
}
