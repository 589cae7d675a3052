import { describe, expect, it } from "vitest";
import { Rng, Weighted } from "./random.ts";

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sample(n: number, draw: () => number): number[] {
  return Array.from({ length: n }, draw);
}

describe("Rng", () => {
  it("repeats a sequence for the same seed and stream and differs otherwise", () => {
    const take = (rng: Rng) => sample(5, () => rng.u32());
    expect(take(new Rng(42, 1))).toEqual(take(new Rng(42, 1)));
    expect(take(new Rng(42, 1))).not.toEqual(take(new Rng(42, 2)));
    expect(take(new Rng(42, 1))).not.toEqual(take(new Rng(43, 1)));
    // Seeds that agree in their low 32 bits still differ.
    expect(take(new Rng(1, 0))).not.toEqual(take(new Rng(1 + 2 ** 32, 0)));
    const rng = new Rng(42, 1);
    const first = take(rng);
    rng.reseed(42, 1);
    expect(take(rng)).toEqual(first);
  });

  it("draws uniforms in [0, 1) with the right mean", () => {
    const rng = new Rng(1, 0);
    const xs = sample(100_000, () => rng.float());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
  });

  it("draws gamma, beta, normal and poisson with their textbook moments", () => {
    const rng = new Rng(2, 0);
    for (const shape of [0.5, 0.85, 3]) {
      const xs = sample(100_000, () => rng.gamma(shape));
      expect(mean(xs) / shape).toBeCloseTo(1, 1);
    }
    expect(mean(sample(100_000, () => rng.beta(0.85, 8)))).toBeCloseTo(0.85 / 8.85, 2);
    const zs = sample(100_000, () => rng.normal());
    expect(mean(zs)).toBeCloseTo(0, 1);
    expect(mean(zs.map((z) => z * z))).toBeCloseTo(1, 1);
    expect(mean(sample(50_000, () => rng.poisson(3.5)))).toBeCloseTo(3.5, 1);
    expect(mean(sample(50_000, () => rng.poisson(80))) / 80).toBeCloseTo(1, 2);
  });

  it("draws weighted items in proportion to their weights", () => {
    const rng = new Rng(3, 0);
    const weighted = new Weighted([
      ["a", 1],
      ["b", 3],
    ] as const);
    const share = mean(sample(40_000, () => (weighted.draw(rng) === "b" ? 1 : 0)));
    expect(share).toBeCloseTo(0.75, 1);
  });
});
