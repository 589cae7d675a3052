import { parseLocale, setLocale, t } from "@custra/core";
import { Command, CommanderError, Option } from "commander";
import { registerAnalyzeCommand } from "./commands/analyze.ts";
import { registerBacktestCommand } from "./commands/backtest.ts";
import { registerCustomerCommands } from "./commands/customer.ts";
import { registerDbCommands } from "./commands/db.ts";
import { registerDemoCommand } from "./commands/demo.ts";
import { registerExportCommand } from "./commands/export.ts";
import { registerGradeCommands } from "./commands/grade.ts";
import { registerImportCommand } from "./commands/import.ts";
import { registerSchemeCommands } from "./commands/scheme.ts";
import { registerSettingsCommand } from "./commands/settings.ts";
import { registerStructureCommand } from "./commands/structure.ts";
import { registerTasksCommands } from "./commands/tasks.ts";
import { CliError } from "./errors.ts";
import "./messages.ts";
import { message } from "./output.ts";

/** Runs the `custra` command line and returns the exit code (0 ok, 1 bad input, 2 usage). */
export async function main(argv: readonly string[]): Promise<number> {
  setLocale(pickLocale(argv, process.env));
  const program = buildProgram();
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

export function buildProgram(): Command {
  const program = new Command("custra")
    .description(t("cli.description"))
    .option("--db <location>", t("cli.option.db"))
    .addOption(new Option("--lang <locale>", t("cli.option.lang")).choices(["zh-CN", "en"]))
    .helpCommand("help [command]", t("cli.help.command"));
  registerDemoCommand(program);
  registerImportCommand(program);
  registerAnalyzeCommand(program);
  registerCustomerCommands(program);
  registerGradeCommands(program);
  registerStructureCommand(program);
  registerTasksCommands(program);
  registerSchemeCommands(program);
  registerBacktestCommand(program);
  registerExportCommand(program);
  registerDbCommands(program);
  registerSettingsCommand(program);
  configure(program);
  return program;
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
  if (error instanceof CliError) {
    message(t("cli.error.prefix") + error.message);
    return error.exitCode;
  }
  if (isUserFacing(error)) {
    message(t("cli.error.prefix") + error.message);
    return 1;
  }
  message(
    t("cli.error.unexpected", {
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  return 1;
}

/** Errors of our own kinds: their messages are written for users, in their language. */
const USER_ERRORS = new Set([
  "AnalyzeError",
  "BacktestError",
  "CalendarError",
  "DbError",
  "DemoOptionsError",
  "ExportError",
  "GradeError",
  "GradingError",
  "ImportError",
  "ImportFileError",
  "ImportOptionError",
  "ModelError",
  "RecommendationError",
  "RecommendError",
  "SegmentError",
  "SettingsError",
  "StrategyError",
]);

function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && USER_ERRORS.has(error.name);
}
