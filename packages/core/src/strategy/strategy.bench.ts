/**
 * Micro-benchmark: task generation for synthetic customers (1M by default) under the value and
 * credit playbooks together.
 *
 *   node --import tsx packages/core/src/strategy/strategy.bench.ts [customers]
 *
 * Prints the wall and CPU time of `generateTasks` (best of three runs, after one warm-up; CPU
 * time includes the garbage collector's threads) and the tasks made, for an ordinary day and for
 * the week before 春节, when every graded customer gets festival care. The synthetic day is a
 * worst case: half the customers are due a contact at once, as on the first run of a new install.
 */
import { isoDate } from "../calendar/dates.ts";
import { createRandom } from "../models/simulate.ts";
import type { WarningLevel } from "../segments/codes.ts";
import { CREDIT_PLAYBOOK, VALUE_PLAYBOOK } from "./builtin.ts";
import { generateTasks } from "./tasks.ts";
import type { OpenComplaint, OverdueInvoice, SurveyAnswer, TaskInput } from "./types.ts";

const n = Number(process.argv[2] ?? 1_000_000);

/** Seeded, so that runs are comparable. */
const random = createRandom(0x9e3779b9);

const AS_OF_DAY = 20_480; // 2026-01-27
const day = (offset: number): string => isoDate(AS_OF_DAY - offset);
const dayNumberOf = (offset: number): number => AS_OF_DAY - offset;

const ids = new Int32Array(n);
const owner: (string | null)[] = new Array(n);
const lastInteractionDay = new Float64Array(n);
const lastPurchaseDay = new Float64Array(n);
const birthDay = new Float64Array(n);
const birthdayLunar: boolean[] = new Array(n);
const pAlive = new Float64Array(n);
const churnRisk = new Float64Array(n);
const churnWarning: WarningLevel[] = new Array(n);
const churnReasons: (string[] | null)[] = new Array(n);
const valueGrade: string[] = new Array(n);
const creditGrade: string[] = new Array(n);
const droppedFrom: (string | null)[] = new Array(n);
const owners = Array.from({ length: 200 }, (_, k) => `sales${k}`);
for (let i = 0; i < n; i++) {
  ids[i] = i + 1;
  const r = random();
  valueGrade[i] = r < 0.05 ? "A" : r < 0.2 ? "B" : r < 0.5 ? "C" : "D";
  const c = random();
  creditGrade[i] = c < 0.7 ? "good" : c < 0.9 ? "fair" : "risky";
  owner[i] = random() < 0.9 ? owners[Math.floor(random() * owners.length)]! : null;
  lastInteractionDay[i] = random() < 0.8 ? dayNumberOf(Math.floor(random() * 400)) : Number.NaN;
  lastPurchaseDay[i] = random() < 0.9 ? dayNumberOf(Math.floor(random() * 700)) : Number.NaN;
  birthDay[i] = random() < 0.7 ? -10_957 + Math.floor(random() * 23_741) : Number.NaN; // 1940..2004
  birthdayLunar[i] = random() < 0.3;
  pAlive[i] = random();
  churnRisk[i] = 1 - pAlive[i]!;
  const risk = churnRisk[i]!;
  churnWarning[i] = risk >= 0.8 ? "critical" : risk >= 0.6 ? "warning" : risk >= 0.4 ? "watch" : "none";
  churnReasons[i] = risk >= 0.6 ? ["complaints"] : null;
  droppedFrom[i] = valueGrade[i] !== "A" && random() < 0.01 ? "A" : null;
}
const overdueInvoices: OverdueInvoice[] = Array.from({ length: n / 10 }, (_, k) => ({
  customerId: 1 + Math.floor(random() * n),
  invoiceId: `INV-${k}`,
  dueOn: day(Math.floor(random() * 150) - 20),
  openAmount: Math.round(random() * 100_000) / 100,
}));
const surveyAnswers: SurveyAnswer[] = Array.from({ length: n / 20 }, (_, k) => ({
  customerId: 1 + Math.floor(random() * n),
  answerId: k,
  answeredOn: day(Math.floor(random() * 14)),
  nps: Math.floor(random() * 11),
}));
const openComplaints: OpenComplaint[] = Array.from({ length: n / 100 }, (_, k) => ({
  customerId: 1 + Math.floor(random() * n),
  interactionId: k,
  occurredAt: new Date((AS_OF_DAY - random() * 5) * 86_400_000),
}));

const input: TaskInput = {
  customers: {
    ids,
    owner,
    lastInteractionDay,
    lastPurchaseDay,
    birthDay,
    birthdayLunar,
    pAlive,
    churnRisk,
    churnWarning,
    churnReasons,
  },
  playbooks: [
    { playbook: VALUE_PLAYBOOK, codes: valueGrade, droppedFrom },
    { playbook: CREDIT_PLAYBOOK, codes: creditGrade },
  ],
  overdueInvoices,
  surveyAnswers,
  openComplaints,
};

/** Best wall time and best CPU time (user + system) of three runs after a warm-up. */
function time(asOf: string): { wall: number; cpu: number; tasks: number } {
  generateTasks(input, { asOf });
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  let tasks = 0;
  for (let run = 0; run < 3; run++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    tasks = generateTasks(input, { asOf }).length;
    wall = Math.min(wall, performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  return { wall, cpu, tasks };
}

console.log(`customers: ${n}`);
const days: [string, string][] = [
  ["ordinary day", "2026-03-20"],
  ["week before 春节", "2026-02-10"],
];
for (const [label, asOf] of days) {
  const { wall, cpu, tasks } = time(asOf);
  console.log(
    `${label.padEnd(16)} ${asOf}  wall ${wall.toFixed(0).padStart(5)} ms  cpu ${cpu.toFixed(0).padStart(5)} ms  ${tasks} tasks`,
  );
}
