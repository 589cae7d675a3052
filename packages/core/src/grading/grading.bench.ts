/**
 * Micro-benchmark: the ready-made schemes on synthetic customers (1M by default).
 *
 *   node --import tsx packages/core/src/grading/grading.bench.ts [customers]
 *
 * Prints, per scheme, the time of `gradeCustomers` (best of three runs after one warm-up), of
 * the distribution and of a migration against the previous scheme's grades, and the time to
 * build every explanation once.
 */
import { BUILTIN_SCHEMES } from "./builtin.ts";
import { gradeDistribution } from "./distribution.ts";
import { gradeCustomers } from "./evaluate.ts";
import { syntheticCustomers } from "./grading.fixture.ts";
import { gradeMigration } from "./migration.ts";

const n = Number(process.argv[2] ?? 1_000_000);
const asOf = "2026-06-30";

let started = performance.now();
const customers = syntheticCustomers(n, 42);
console.log(`${n} synthetic customers in ${(performance.now() - started).toFixed(0)} ms`);

function best<T>(run: () => T): { ms: number; value: T } {
  let value = run();
  let ms = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = performance.now();
    value = run();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, value };
}

for (const [name, scheme] of Object.entries(BUILTIN_SCHEMES)) {
  const graded = best(() => gradeCustomers(scheme, customers, { asOf }));
  const result = graded.value;
  const distribution = best(() => gradeDistribution(scheme, result.grade, customers.numeric));
  // A second run in which every tenth customer moved one grade down, to migrate against.
  const codes = scheme.grades.map((grade) => grade.code);
  const later = result.grade.map((grade, i) =>
    i % 10 === 0 ? codes[Math.min(codes.indexOf(grade) + 1, codes.length - 1)]! : grade,
  );
  const migration = best(() =>
    gradeMigration(
      scheme,
      { customerIds: result.customerIds, grades: result.grade },
      {
        customerIds: result.customerIds,
        grades: later,
        revenue: customers.numeric.revenue,
      },
    ),
  );
  started = performance.now();
  for (let i = 0; i < n; i++) result.explain(i);
  const explainMs = performance.now() - started;
  console.log(
    `${name.padEnd(12)} grade ${graded.ms.toFixed(0).padStart(5)} ms  ` +
      `(${scheme.dimensions.length} dimensions, ${(scheme.overrides ?? []).length} rules)  ` +
      `distribution ${distribution.ms.toFixed(0).padStart(4)} ms  ` +
      `migration ${migration.ms.toFixed(0).padStart(4)} ms  ` +
      `every explanation ${explainMs.toFixed(0).padStart(5)} ms`,
  );
}
