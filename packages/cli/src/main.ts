import { outcomeOf } from "@custra/app/errors";
import { CustraError, errorText, renderText } from "@custra/core/errors";
import { parseLocale } from "@custra/core/i18n";
import { Command, CommanderError, Option } from "commander";
import { CliError } from "./errors.ts";
import { hintFor } from "./hints.ts";
import "./messages.ts";
import "./commands/access.messages.ts";
import "./commands/backtest.messages.ts";
import "./commands/export.messages.ts";
import "./commands/grade.messages.ts";
import "./commands/interaction.messages.ts";
import "./commands/serve.messages.ts";
import "./commands/settings.messages.ts";
import "./commands/tasks.messages.ts";
import { cliLocale, t, useCliLocale } from "./locale.ts";
import { message } from "./output.ts";

type Register = (program: Command) => void;

// scheme.ts registers both `scheme` and `playbook`: one loader, so that asking for either loads it once.
const schemeCommands = async () => (await import("./commands/scheme.ts")).registerSchemeCommands;

/**
 * The top-level commands in the order help lists them. A command's module (and with it the
 * engine, the database drivers, exceljs …) is loaded only when that command runs or its help is
 * asked for: loading all of them cost every command, `custra --help` included, 4–5 s of CPU.
 * The others are listed by `term` and `description`, which must read as the loaded command's
 * own listing does (main.test.ts compares them).
 */
export const COMMANDS: readonly { term: string; description: string; load: () => Promise<Register> }[] = [
  {
    term: "demo [options]",
    description: "cli.demo.description",
    load: async () => (await import("./commands/demo.ts")).registerDemoCommand,
  },
  {
    term: "import [options] <entity> <file>",
    description: "cli.import.description",
    load: async () => (await import("./commands/import.ts")).registerImportCommand,
  },
  {
    term: "analyze [options]",
    description: "cli.analyze.description",
    load: async () => (await import("./commands/analyze.ts")).registerAnalyzeCommand,
  },
  {
    term: "customer",
    description: "cli.customer.description",
    load: async () => (await import("./commands/customer.ts")).registerCustomerCommands,
  },
  {
    term: "interaction",
    description: "cli.interaction.description",
    load: async () => (await import("./commands/interaction.ts")).registerInteractionCommands,
  },
  {
    term: "grade",
    description: "cli.grade.description",
    load: async () => (await import("./commands/grade.ts")).registerGradeCommands,
  },
  {
    term: "structure [options]",
    description: "cli.structure.description",
    load: async () => (await import("./commands/structure.ts")).registerStructureCommand,
  },
  {
    term: "tasks",
    description: "cli.tasks.description",
    load: async () => (await import("./commands/tasks.ts")).registerTasksCommands,
  },
  {
    term: "scheme",
    description: "cli.scheme.scheme.description",
    load: schemeCommands,
  },
  {
    term: "playbook",
    description: "cli.scheme.playbook.description",
    load: schemeCommands,
  },
  {
    term: "backtest [options]",
    description: "cli.backtest.description",
    load: async () => (await import("./commands/backtest.ts")).registerBacktestCommand,
  },
  {
    term: "export [options] <kind>",
    description: "cli.export.description",
    load: async () => (await import("./commands/export.ts")).registerExportCommand,
  },
  {
    term: "db",
    description: "cli.db.description",
    load: async () => (await import("./commands/db.ts")).registerDbCommands,
  },
  {
    term: "serve [options]",
    description: "cli.serve.description",
    load: async () => (await import("./commands/serve.ts")).registerServeCommand,
  },
  {
    term: "settings",
    description: "cli.settings.description",
    load: async () => (await import("./commands/settings.ts")).registerSettingsCommand,
  },
  {
    term: "user",
    description: "cli.user.description",
    load: async () => (await import("./commands/user.ts")).registerUserCommands,
  },
  {
    term: "department",
    description: "cli.department.description",
    load: async () => (await import("./commands/user.ts")).registerDepartmentCommands,
  },
  {
    term: "audit",
    description: "cli.audit.description",
    load: async () => (await import("./commands/audit.ts")).registerAuditCommands,
  },
];

/** Runs the `custra` command line and returns the exit code (0 ok, 1 bad input, 2 usage). */
export async function main(argv: readonly string[]): Promise<number> {
  useCliLocale(pickLocale(argv, process.env));
  const program = await buildProgram(requestedCommand(argv));
  try {
    await program.parseAsync([...argv]);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return reportError(error);
  }
}

/** `--lang` wins, then CUSTRA_LANG, then the system locale; Chinese unless English is asked for. */
function pickLocale(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const index = argv.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const fromArgs =
    index < 0 ? undefined : argv[index]!.includes("=") ? argv[index]!.split("=")[1] : argv[index + 1];
  return parseLocale(fromArgs ?? env.CUSTRA_LANG ?? env.LC_ALL ?? env.LANG);
}

/**
 * The command `argv` runs (or asks help for): the first word that is not an option or the value
 * of a global option, after a leading `help`. Undefined for `custra`, `custra --help`.
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  const words = argv.slice(2);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "--db" || word === "--lang") i++;
    else if (!word.startsWith("-") && word !== "help") return word;
  }
  return undefined;
}

/** The program with `command` loaded (every command when `command` is "*"), the others listed only. */
export async function buildProgram(command?: string): Promise<Command> {
  const program = new Command("custra")
    .description(t("cli.description"))
    .option("--db <location>", t("cli.option.db"))
    .addOption(new Option("--lang <locale>", t("cli.option.lang")).choices(["zh-CN", "en"]))
    .helpCommand("help [command]", t("cli.help.command"));
  const nameOf = (entry: (typeof COMMANDS)[number]) => entry.term.split(" ")[0]!;
  const wanted = COMMANDS.find((entry) => nameOf(entry) === command)?.load;
  const terms = new Map<Command, string>();
  for (const entry of COMMANDS) {
    if (program.commands.some((known) => known.name() === nameOf(entry))) continue;
    if (command === "*" || entry.load === wanted) (await entry.load())(program);
    else terms.set(program.command(nameOf(entry)).description(t(entry.description)), entry.term);
  }
  program.configureHelp({ subcommandTerm: (sub) => terms.get(sub) ?? defaultTerm(sub) });
  configure(program);
  return program;
}

/** How commander itself lists a subcommand. */
function defaultTerm(command: Command): string {
  const args = command.registeredArguments.map((arg) => {
    const name = arg.name() + (arg.variadic ? "..." : "");
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return [command.name(), ...(command.options.length > 0 ? ["[options]"] : []), ...args].join(" ");
}

/** The same behaviour on every command: translated help, errors through reportError. */
function configure(command: Command): void {
  command
    .helpOption("-h, --help", t("cli.help.option"))
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      // commander words its errors in English; reportError prints them with our translated frame.
      outputError: () => {},
    });
  for (const sub of command.commands) configure(sub);
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; everything else commander rejects is a usage error.
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    )
      return 0;
    message(t("cli.error.usage", { message: error.message.replace(/^error: /, "") }));
    return 2;
  }
  if (error instanceof CustraError) {
    message(t("cli.error.prefix") + errorText(error, cliLocale()));
    const hint = hintFor(error.code);
    if (hint) message(renderText({ key: hint, params: error.params }, cliLocale()));
    return outcomeOf(error.code).exit;
  }
  if (error instanceof CliError) {
    message(t("cli.error.prefix") + error.message);
    return error.exitCode;
  }
  message(
    t("cli.error.unexpected", {
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  return 1;
}
