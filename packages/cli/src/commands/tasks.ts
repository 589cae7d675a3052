import { extname } from "node:path";
import {
  AppError,
  campaignMembers,
  completeTask,
  exportCampaign,
  type GenerateTasksResult,
  generateTasks,
  LOCAL_OPERATOR,
  listTasks,
  type OpenTasksOfOwner,
  readTask,
} from "@custra/app";
import { strategyLabel, TASK_KINDS, type TaskKind } from "@custra/core";
import type { DbHandle } from "@custra/db";
import {
  type CampaignView,
  TASK_STAGES,
  TASK_STATUSES,
  type TaskReasonSource,
  type TaskStatus,
  type TaskView,
  taskReasonTexts,
} from "@custra/engine";
import { EXPORT_FORMATS, type ExportFormat } from "@custra/engine/export";
import { type Command, InvalidArgumentError, Option } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
import "../messages.ts";
import { examples, isoDate, positiveInt } from "../options.ts";
import { fmt, formatTable, message, printJson, printLine } from "../output.ts";
import { startProgress } from "../progress.ts";
import { userName } from "./grade.ts";
import "./tasks.messages.ts";
import { cliLocale, t } from "../locale.ts";

/** How many tasks `tasks list` shows unless told. */
const TASKS_LISTED = 100;
/** How many of a campaign's customers `tasks show` prints; the file (--out) has them all. */
const MEMBERS_SHOWN = 20;

export function registerTasksCommands(program: Command): void {
  const tasks = program
    .command("tasks")
    .description(t("cli.tasks.description"))
    .addHelpText(
      "after",
      examples([
        "custra tasks generate",
        "custra tasks list --owner 王芳 --due 2026-07-01",
        "custra tasks show 42 --out campaign-42.csv",
        "custra tasks done 42",
      ]),
    );
  registerGenerateCommand(tasks);
  registerListCommand(tasks);
  registerShowCommand(tasks);
  registerDoneCommand(tasks);
}

interface GenerateCommandOptions {
  asOf?: string;
  kind?: TaskKind[];
  unknownType?: "individual" | "enterprise";
  json?: boolean;
}

function registerGenerateCommand(tasks: Command): void {
  tasks
    .command("generate")
    .description(t("cli.tasks.generate.description"))
    .option("--as-of <date>", t("cli.tasks.generate.asOf"), isoDate("--as-of"))
    .addOption(new Option("--kind <kind...>", t("cli.tasks.generate.kind")).choices(TASK_KINDS))
    .addOption(
      new Option("--unknown-type <type>", t("cli.tasks.generate.unknownType")).choices([
        "individual",
        "enterprise",
      ]),
    )
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra tasks generate",
        "custra tasks generate --as-of 2026-07-01",
        "custra tasks generate --kind care win_back --json",
        "custra tasks generate --unknown-type individual",
      ]),
    )
    .action(async (options: GenerateCommandOptions, command: Command) => {
      await withDb(command, async (handle) => {
        const progress = startProgress(t("cli.tasks.stage.load"), TASK_STAGES.length);
        let report: GenerateTasksResult;
        try {
          report = await generateTasks(
            { handle, actor: LOCAL_OPERATOR },
            { asOf: options.asOf, kinds: options.kind, unknownCustomerType: options.unknownType },
            {
              onStage: (stage) => {
                progress.setLabel(t(`cli.tasks.stage.${stage}`));
                progress.update(TASK_STAGES.indexOf(stage));
              },
            },
          );
        } finally {
          progress.stop();
        }
        if (options.json) {
          printStaleWarnings(report);
          return printJson(report);
        }
        printGenerateReport(report);
      });
    });
}

/** The generation's report as the CLI prints it (also `npm start`'s). */
export /** Task reasons in the CLI's language. */
async function reasonsInLocale(handle: DbHandle): Promise<(task: TaskReasonSource) => string> {
  const write = await taskReasonTexts(handle);
  const locale = cliLocale();
  return (task) => write(task, locale);
}

/** The generation's report as the CLI prints it (also `npm start`'s). */
export function printGenerateReport(report: GenerateTasksResult): void {
  const today: readonly OpenTasksOfOwner[] = report.openByOwner;
  printStaleWarnings(report);
  printLine(
    t("cli.tasks.generate.header", {
      asOf: report.asOf,
      candidates: fmt(report.candidates),
      created: fmt(report.created),
    }),
  );
  for (const campaign of report.campaigns) {
    printLine(
      t("cli.tasks.generate.campaign", {
        id: campaign.id,
        segment: campaign.segment,
        members: fmt(campaign.members),
      }),
    );
  }
  if (report.assigned > 0) printLine(t("cli.tasks.generate.assigned", { tasks: fmt(report.assigned) }));
  const kinds = TASK_KINDS.filter((kind) => (report.createdByKind[kind] ?? 0) > 0);
  if (kinds.length > 0) {
    printLine();
    printLine(
      formatTable(
        [t("cli.tasks.col.kind"), t("cli.tasks.col.created")],
        kinds.map((kind) => [strategyLabel("kind", kind, cliLocale()), report.createdByKind[kind] ?? 0]),
      ),
    );
  }
  printLine();
  for (const playbook of report.playbooks) {
    printLine(
      t(playbook.gradeRunId === undefined ? "cli.tasks.generate.usedBy" : "cli.tasks.generate.used", {
        name: playbook.name,
        version: playbook.version,
        basis: playbook.basis === "grade" ? "" : t(`cli.tasks.basis.${playbook.basis}`),
        gradeRun: playbook.gradeRunId ?? "",
      }),
    );
  }
  for (const skipped of report.skipped) {
    printLine(t(`cli.tasks.generate.skipped.${skipped.reason}`, { name: skipped.name }));
  }
  printLine();
  if (today.length === 0) {
    printLine(t("cli.tasks.generate.nothingDue", { asOf: report.asOf }));
    return;
  }
  printLine(t("cli.tasks.generate.today", { asOf: report.asOf }));
  printLine(
    formatTable(
      [t("cli.tasks.col.owner"), t("cli.tasks.col.open"), t("cli.tasks.col.urgent")],
      today.map((row) => [ownerText(row.owner), row.tasks, row.urgent]),
    ),
  );
}

/**
 * Old data makes every cadence overdue and every customer look lost: the warning says how old
 * the newest data is and how to generate for its own last day instead (on stderr, so --json
 * output stays clean; the JSON carries the warnings too).
 */
function printStaleWarnings(report: GenerateTasksResult): void {
  for (const warning of report.warnings) message(t(`cli.tasks.warning.${warning.code}`, warning.params));
  const newest = report.warnings
    .map((warning) => warning.params.date)
    .sort()
    .at(-1);
  if (newest !== undefined) message(t("cli.tasks.warning.chooseDay", { date: newest }));
}

/** The team pool, where tasks without an owner wait, by its name. */
function ownerText(owner: string | null): string {
  return owner ?? strategyLabel("ownerRule", "pool", cliLocale());
}

interface ListCommandOptions {
  owner?: string;
  due?: string;
  kind?: TaskKind;
  status?: TaskStatus | "all";
  customer?: string;
  limit?: number;
  json?: boolean;
}

function registerListCommand(tasks: Command): void {
  tasks
    .command("list")
    .description(t("cli.tasks.list.description"))
    .option("--owner <name>", t("cli.tasks.list.owner"))
    .option("--due <date>", t("cli.tasks.list.due"), isoDate("--due"))
    .addOption(new Option("--kind <kind>", t("cli.tasks.list.kind")).choices(TASK_KINDS))
    .addOption(new Option("--status <status>", t("cli.tasks.list.status")).choices([...TASK_STATUSES, "all"]))
    .option("--customer <code>", t("cli.tasks.list.customer"))
    .option("--limit <n>", t("cli.tasks.list.limit"), positiveInt("--limit"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra tasks list",
        "custra tasks list --owner 王芳 --due 2026-07-01",
        "custra tasks list --kind collection --status all --limit 500 --json",
        "custra tasks list --customer C0000042",
      ]),
    )
    .action(async (options: ListCommandOptions, command: Command) => {
      const status = options.status ?? "open";
      const limit = options.limit ?? TASKS_LISTED;
      await withDb(command, async (handle) => {
        // Campaigns are tasks for a group: listed with the tasks, or alone with --kind campaign.
        const { tasks: tasksFound, campaigns } = await listTasks(
          { handle, actor: LOCAL_OPERATOR },
          {
            owner: options.owner,
            due: options.due,
            kind: options.kind,
            status,
            customerCode: options.customer,
            limit,
          },
        );
        const reasons = await reasonsInLocale(handle);
        if (options.json) {
          return printJson({
            tasks: tasksFound.map((task) => ({ ...task, reasonText: reasons(task) })),
            campaigns: campaigns.map((campaign) => ({ ...campaign, reasonText: reasons(campaign) })),
          });
        }
        if (tasksFound.length === 0 && campaigns.length === 0) return message(t("cli.tasks.list.none"));
        if (tasksFound.length > 0) printLine(taskTable(tasksFound, reasons, status !== "open"));
        if (campaigns.length > 0) {
          if (tasksFound.length > 0) printLine();
          printLine(campaignTable(campaigns, reasons, status !== "open"));
          message(t("cli.tasks.list.campaignHint"));
        }
        if (tasksFound.length === limit || campaigns.length === limit)
          message(t("cli.tasks.list.limited", { limit }));
      });
    });
}

/** Tasks or campaigns as a table: a task names its customer where a campaign says how many it reaches. */
function workTable<T extends TaskView | CampaignView>(
  items: readonly T[],
  who: { header: string; value: (item: T) => string | number },
  reasons: (item: T) => string,
  withStatus: boolean,
): string {
  return formatTable(
    [
      t("cli.tasks.col.id"),
      t("cli.tasks.col.due"),
      t("cli.tasks.col.priority"),
      t("cli.tasks.col.kind"),
      who.header,
      t("cli.tasks.col.owner"),
      ...(withStatus ? [t("cli.tasks.col.status")] : []),
      t("cli.tasks.col.reason"),
    ],
    items.map((item) => [
      item.id,
      item.dueOn,
      strategyLabel("priority", item.priority, cliLocale()),
      strategyLabel("kind", item.kind, cliLocale()),
      who.value(item),
      ownerText(item.owner),
      ...(withStatus ? [t(`cli.tasks.status.${item.status}`)] : []),
      reasons(item),
    ]),
  );
}

function taskTable(
  tasks: readonly TaskView[],
  reasons: (task: TaskView) => string,
  withStatus = false,
): string {
  const customer = (task: TaskView) =>
    task.customerName ? `${task.customerCode} ${task.customerName}` : task.customerCode;
  return workTable(tasks, { header: t("cli.tasks.col.customer"), value: customer }, reasons, withStatus);
}

function campaignTable(
  campaigns: readonly CampaignView[],
  reasons: (campaign: CampaignView) => string,
  withStatus = false,
): string {
  const members = (campaign: CampaignView) => campaign.members;
  return workTable(campaigns, { header: t("cli.tasks.col.members"), value: members }, reasons, withStatus);
}

function taskId(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) {
    throw new InvalidArgumentError(t("cli.tasks.done.badId", { value }));
  }
  return number;
}

interface ShowCommandOptions {
  out?: string;
  format?: ExportFormat;
  json?: boolean;
}

/** --format when given, else the file's extension; neither is a usage error rather than a guess. */
function outFormat(out: string, format: ExportFormat | undefined): ExportFormat {
  if (format) return format;
  const extension = extname(out).slice(1).toLowerCase();
  const found = EXPORT_FORMATS.find((candidate) => candidate === extension);
  if (!found) throw new CliError(t("cli.tasks.show.needFormat", { out }), 2);
  return found;
}

function registerShowCommand(tasks: Command): void {
  tasks
    .command("show")
    .description(t("cli.tasks.show.description"))
    .argument("<id>", t("cli.tasks.done.id"), taskId)
    .option("--out <file>", t("cli.tasks.show.out"))
    .addOption(new Option("--format <format>", t("cli.tasks.show.format")).choices(EXPORT_FORMATS))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra tasks show 42",
        "custra tasks show 42 --out campaign-42.csv",
        "custra tasks show 42 --json",
      ]),
    )
    .action(async (id: number, options: ShowCommandOptions, command: Command) => {
      await withDb(command, async (handle) => {
        const reasons = await reasonsInLocale(handle);
        const { task, campaign } = await readTask({ handle, actor: LOCAL_OPERATOR }, { id }).catch(
          (error) => {
            if (error instanceof AppError && error.code === "APP_NOT_FOUND")
              throw new CliError(t("cli.tasks.show.unknown", { id }), 1);
            throw error;
          },
        );
        if (task) {
          if (options.out !== undefined) throw new CliError(t("cli.tasks.show.outOnlyCampaign", { id }), 2);
          if (options.json) return printJson({ ...task, reasonText: reasons(task) });
          return printLine(taskTable([task], reasons, true));
        }
        if (options.out !== undefined) {
          const result = await exportCampaign(
            { handle, actor: LOCAL_OPERATOR },
            { id, format: outFormat(options.out, options.format), out: options.out, locale: cliLocale() },
          );
          if (options.json) return printJson(result);
          return message(t("cli.tasks.show.written", { rows: fmt(result.rows), out: result.out }));
        }
        const { customers: members } = await campaignMembers(
          { handle, actor: LOCAL_OPERATOR },
          { id, limit: options.json ? undefined : MEMBERS_SHOWN },
        );
        if (options.json)
          return printJson({ ...campaign, reasonText: reasons(campaign), customers: members });
        printLine(campaignTable([campaign], reasons, true));
        printLine();
        printLine(
          formatTable(
            [
              t("cli.tasks.col.customer"),
              t("cli.tasks.col.name"),
              t("cli.tasks.col.region"),
              t("cli.tasks.col.owner"),
            ],
            members.map((m) => [
              m.code,
              m.name ?? "",
              [m.province, m.city].filter(Boolean).join(" "),
              ownerText(m.owner),
            ]),
          ),
        );
        if (campaign.members > members.length) {
          message(t("cli.tasks.show.more", { shown: members.length, members: fmt(campaign.members), id }));
        }
      });
    });
}

function registerDoneCommand(tasks: Command): void {
  tasks
    .command("done")
    .description(t("cli.tasks.done.description"))
    .argument("<id>", t("cli.tasks.done.id"), taskId)
    .option("--by <name>", t("cli.tasks.done.by"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra tasks done 42", "custra tasks done 42 --by 王芳 --json"]))
    .action(async (id: number, options: { by?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const done = await completeTask(
          { handle, actor: LOCAL_OPERATOR },
          { id, by: options.by ?? userName() },
        ).catch((error) => {
          if (error instanceof AppError && error.code === "APP_NOT_FOUND")
            throw new CliError(t("tasks.unknown", { id }), 1);
          throw error;
        });
        if (done.campaign) {
          const { campaign, alreadyDone } = done;
          if (options.json) return printJson({ ...campaign, alreadyDone });
          return message(
            t(alreadyDone ? "cli.tasks.done.already" : "cli.tasks.done.done", {
              id,
              kind: strategyLabel("kind", "campaign", cliLocale()),
              customer: campaign.segment,
              by: campaign.doneBy ?? "-",
              on: campaign.doneAt ? campaign.doneAt.toISOString().slice(0, 10) : "-",
            }),
          );
        }
        const { task, alreadyDone } = done;
        if (options.json) return printJson({ ...task, alreadyDone });
        const doneOn = task.doneAt ? task.doneAt.toISOString().slice(0, 10) : "-";
        message(
          t(alreadyDone ? "cli.tasks.done.already" : "cli.tasks.done.done", {
            id,
            kind: strategyLabel("kind", task.kind, cliLocale()),
            customer: task.customerCode,
            by: task.doneBy ?? "-",
            on: doneOn,
          }),
        );
      });
    });
}
