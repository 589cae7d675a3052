import { createDefinitionVersion, LOCAL_OPERATOR, listDefinitions, readDefinition } from "@custra/app";
import {
  CATEGORICAL_FIELD_CODES,
  errorText,
  fieldLabel,
  GRADING_FIELDS,
  type GradingScheme,
  isGradingError,
  isStrategyError,
  type Playbook,
  schemeText,
} from "@custra/core";
import { type DefinitionKind, definitionYaml, readDefinitionFile } from "@custra/engine";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
import "../messages.ts";
import { examples, positiveInt } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import "./grade.messages.ts";
import { cliLocale, t } from "../locale.ts";

/** `custra scheme …` (grading schemes) and `custra playbook …` (what each grade gets). */
export function registerSchemeCommands(program: Command): void {
  const scheme = registerDefinitionCommands(program, "scheme", [
    "custra scheme list",
    "custra scheme show value > my-value.yaml",
    "custra scheme import my-value.yaml",
    "custra scheme fields",
  ]);
  scheme
    .command("fields")
    .description(t("cli.scheme.fields.description"))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples(["custra scheme fields", "custra scheme fields --json"]))
    .action((options: { json?: boolean }) => {
      const fields = [
        ...GRADING_FIELDS.numeric.map((field) => ({ field, kind: "numeric" as const })),
        ...GRADING_FIELDS.categorical.map((field) => ({
          field,
          kind: "categorical" as const,
          codes: CATEGORICAL_FIELD_CODES[field],
        })),
      ].map((entry) => ({ ...entry, label: fieldLabel(entry.field, cliLocale()) }));
      if (options.json) return printJson(fields);
      printLine(
        formatTable(
          [
            t("cli.scheme.fields.col.field"),
            t("cli.scheme.fields.col.kind"),
            t("cli.scheme.fields.col.label"),
            t("cli.scheme.fields.col.values"),
          ],
          fields.map((entry) => [
            entry.field,
            t(`cli.scheme.fields.kind.${entry.kind}`),
            entry.label,
            "codes" in entry && entry.codes ? entry.codes.join(", ") : "",
          ]),
        ),
      );
    });
  registerDefinitionCommands(program, "playbook", [
    "custra playbook list",
    "custra playbook show value",
    "custra playbook import my-playbook.yaml",
  ]);
}

/** list, show and import, the same for both kinds; returns the parent command. */
function registerDefinitionCommands(program: Command, kind: DefinitionKind, lines: string[]): Command {
  const parent = program
    .command(kind)
    .description(t(`cli.scheme.${kind}.description`))
    .addHelpText("after", examples(lines));

  parent
    .command("list")
    .description(t(`cli.scheme.${kind}.list`))
    .option("--json", t("cli.option.json"))
    .addHelpText("after", examples([`custra ${kind} list`, `custra ${kind} list --json`]))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const stored = await listDefinitions({ handle, actor: LOCAL_OPERATOR }, { kind });
        if (options.json) return printJson(stored);
        printLine(
          formatTable(
            [
              t("cli.scheme.col.name"),
              t("cli.scheme.col.version"),
              t("cli.scheme.col.title"),
              t(kind === "scheme" ? "cli.scheme.col.grades" : "cli.scheme.col.basis"),
              t("cli.scheme.col.created"),
            ],
            stored.map(({ name, version, definition, createdAt }) => [
              name,
              String(version),
              schemeText(definition.title, cliLocale()),
              kind === "scheme" ? gradesOf(definition as GradingScheme) : basisOf(definition as Playbook),
              createdAt.toISOString().slice(0, 10),
            ]),
          ),
        );
      });
    });

  parent
    .command("show")
    .description(t(`cli.scheme.${kind}.show`))
    .argument("<name>", t(`cli.scheme.${kind}.name`))
    .option("--version <n>", t("cli.scheme.version"), positiveInt("--version"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([`custra ${kind} show value`, `custra ${kind} show value --version 1 > ${kind}-v1.yaml`]),
    )
    .action(async (name: string, options: { version?: number; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const { definition } = await readDefinition(
          { handle, actor: LOCAL_OPERATOR },
          { kind, name, version: options.version },
        );
        if (options.json) printJson(definition);
        else process.stdout.write(definitionYaml(definition));
      });
    });

  parent
    .command("import")
    .description(t(`cli.scheme.${kind}.import`))
    .argument("<file>", t("cli.scheme.file"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([`custra ${kind} import my-${kind}.yaml`, `custra ${kind} import ${kind}.json --json`]),
    )
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const document = await readDefinitionFile(file);
      await withDb(command, async (handle) => {
        let saved: Awaited<ReturnType<typeof createDefinitionVersion>>;
        try {
          saved = await createDefinitionVersion({ handle, actor: LOCAL_OPERATOR }, { kind, document });
        } catch (error) {
          // The file the problems are in, before them.
          if (isGradingError(error) || isStrategyError(error))
            throw new CliError(`${file}: ${errorText(error, cliLocale())}`);
          throw error;
        }
        if (options.json) return printJson(saved);
        message(
          t(saved.added ? `cli.scheme.${kind}.added` : `cli.scheme.${kind}.unchanged`, {
            name: saved.name,
            version: saved.version,
          }),
        );
      });
    });
  return parent;
}

function gradesOf(scheme: GradingScheme): string {
  return scheme.grades
    .map((grade) => schemeText(grade.label, cliLocale()))
    .join(t("cli.grade.listSeparator"));
}

function basisOf(playbook: Playbook): string {
  const { basis } = playbook;
  return basis.kind === "grade"
    ? t("cli.scheme.basis.grade", { scheme: basis.scheme })
    : t(`cli.scheme.basis.${basis.kind}`);
}
