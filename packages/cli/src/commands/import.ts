import { basename } from "node:path";
import {
  type AppContext,
  type CommitImportInput,
  commitImport,
  type ImportHooks,
  LOCAL_OPERATOR,
  rejectedImport,
  validateImport,
} from "@custra/app";
import {
  ENTITIES,
  ENTITY_NAMES,
  type EntityName,
  type EntitySpec,
  isEntityName,
  ORDER_LINE_FILE,
} from "@custra/core";
import { renderText, type Text } from "@custra/core/errors";
import { type ImportMapping, type ImportResult, parseMapOptions, parseValuesOptions } from "@custra/engine";
import { type Command, InvalidArgumentError } from "commander";
import { withDb } from "../db-context.ts";
import { collect, examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import { type Progress, startProgress } from "../progress.ts";
import "./import.messages.ts";
import { cliLocale, t } from "../locale.ts";

interface ImportCommandOptions {
  sheet?: string;
  map?: string[];
  values?: string[];
  dateFormat?: string;
  profile?: string;
  lines?: boolean;
  skipInvalid?: boolean;
  dryRun?: boolean;
  createCustomers?: boolean;
  createProducts?: boolean;
  json?: boolean;
}

function entityArgument(value: string): EntityName {
  if (!isEntityName(value)) {
    throw new InvalidArgumentError(t("cli.error.badEntity", { value, choices: ENTITY_NAMES.join(", ") }));
  }
  return value;
}

export function registerImportCommand(program: Command): void {
  const command = program
    .command("import")
    .description(t("cli.import.description"))
    .argument("<entity>", t("cli.import.entity", { choices: ENTITY_NAMES.join(", ") }), entityArgument)
    .argument("<file>", t("cli.import.file"))
    .option("--sheet <name>", t("cli.import.sheet"))
    .option("--map <column=field>", t("cli.import.map"), collect)
    .option("--values <field:source=target,…>", t("cli.import.values"), collect)
    .option("--date-format <format>", t("cli.import.dateFormat"))
    .option("--profile <file>", t("cli.import.profile"))
    .option("--lines", t("cli.import.lines"))
    .option("--skip-invalid", t("cli.import.skipInvalid"))
    .option("--dry-run", t("cli.import.dryRun"))
    .option("--create-customers", t("cli.import.createCustomers"))
    .option("--create-products", t("cli.import.createProducts"))
    .option("--json", t("cli.option.json"))
    .addHelpText(
      "after",
      examples([
        "custra import customers 客户.xlsx",
        "custra import orders orders.csv --map 单据日期=order_date --skip-invalid",
        "custra import orders olist_orders.csv --values status:delivered=completed,canceled=cancelled",
        "custra import orders 销售订单.xlsx --profile u8-orders.yaml",
        "custra import orders invoice-lines.csv --lines --date-format 'mm/dd/yyyy HH:mm' --create-customers --create-products",
        "custra import orders cdnow.csv --create-customers --db postgres://postgres@127.0.0.1:5432/custra",
        "custra import fields orders",
      ]),
    )
    .action(async (entity: EntityName, file: string, options: ImportCommandOptions, self: Command) => {
      // Malformed --map and --values are usage errors (exit 2), found before anything is opened.
      const map = parseMapOptions(options.map ?? []);
      const values = parseValuesOptions(options.values ?? []);
      const input: CommitImportInput = {
        entity,
        file,
        sheet: options.sheet,
        map,
        values,
        dateFormat: options.dateFormat,
        profileFile: options.profile,
        lines: options.lines,
        createCustomers: options.createCustomers,
        createProducts: options.createProducts,
      };
      await withDb(self, (handle) => runImport({ handle, actor: LOCAL_OPERATOR }, input, options));
    });

  command
    .command("fields")
    .description(t("cli.import.fields.description"))
    .argument("[entity]", t("cli.import.fields.entity"), entityArgument)
    .option("--json", t("cli.option.json"))
    .action((entity: EntityName | undefined, _options: unknown, self: Command) => {
      // --json may be read by `import` itself, which has the option too.
      printFields(entity, self.optsWithGlobals().json === true);
    });
}

async function runImport(
  ctx: AppContext,
  input: CommitImportInput,
  options: ImportCommandOptions,
): Promise<void> {
  const name = basename(input.file);
  let progress: Progress | undefined;
  const startBar = () => {
    progress ??= startProgress(t("cli.import.reading", { file: name }), 0, "bytes");
  };
  const hooks: ImportHooks = {
    onMapping: (mapping) => {
      if (options.json !== true) printMapping(name, mapping);
      startBar();
    },
    onProgress: (p) => {
      startBar();
      progress!.setLabel(t(`cli.import.${p.phase}`, { file: name }));
      progress!.update(p.bytesRead, p.totalBytes);
    },
  };
  let result: ImportResult;
  try {
    result = options.dryRun
      ? await validateImport(ctx, input, hooks)
      : await commitImport(ctx, { ...input, skipInvalid: options.skipInvalid }, hooks);
  } catch (error) {
    // Bad rows: the report below names them, as after a dry run.
    const rejected = rejectedImport(error);
    if (!rejected) throw error;
    result = rejected;
  } finally {
    (progress as Progress | undefined)?.stop();
  }
  reportImport(result, options.json === true);
  const failed = result.rejected > 0 && (!result.written || result.dryRun);
  if (failed) process.exitCode = 1;
}

/** Which column went where, before any row is read (on stderr: the data output stays clean). */
function printMapping(file: string, mapping: ImportMapping): void {
  message(t("cli.import.mapping.title", { file }));
  if (mapping.lines) message(t("cli.import.mapping.lines"));
  for (const column of mapping.columns) {
    const at = { position: column.position, column: column.column };
    if (column.use === "field") {
      const how =
        t(`cli.import.mapping.by.${column.matchedBy ?? "name"}`) +
        (column.valueMap ? t("cli.import.mapping.valueMap") : "");
      message(t("cli.import.mapping.field", { ...at, field: column.field ?? "", how }));
    } else if (column.use === "attribute") {
      message(t("cli.import.mapping.attribute", { ...at, attribute: column.attribute ?? "" }));
    } else {
      message(t("cli.import.mapping.ignored", at));
    }
  }
  for (const [field, value] of Object.entries(mapping.defaults))
    message(t("cli.import.mapping.default", { field, value }));
  if (mapping.dateFormat) message(t("cli.import.mapping.dateFormat", { format: mapping.dateFormat }));
  if (mapping.derivedKey) message(t("cli.import.mapping.derivedKey"));
  if (mapping.customerFrom) message(t("cli.import.mapping.customerFrom", { field: mapping.customerFrom }));
}

/** A problem's reason in the reader's language, with what the command line can do about it. */
function reasonText(problem: ImportResult["problems"][number]): string {
  const reason = renderText(problem.reason, cliLocale());
  return problem.kind === "reference:customer_code" ? reason + t("cli.import.unknownCustomerHint") : reason;
}

function reportImport(result: ImportResult, json: boolean): void {
  const text = (value: Text) => renderText(value, cliLocale());
  if (json) {
    // The command line's JSON has the texts in its language, as it always had.
    printJson({
      ...result,
      problems: result.problems.map((problem) => ({ ...problem, reason: reasonText(problem) })),
      warnings: result.warnings.map(text),
    });
    return;
  }
  for (const warning of result.warnings) message(text(warning));
  for (const problem of result.problems)
    message(`${problem.file}:${problem.line}: ${problem.column}: ${reasonText(problem)}`);
  if (result.problemCount > result.problems.length) {
    message(t("import.run.moreProblems", { count: result.problemCount - result.problems.length }));
  }
  const file = basename(result.file);
  if (result.dryRun) {
    printLine(
      t("import.run.dryRunSummary", {
        file,
        read: result.rowsRead,
        valid: result.rowsRead - result.rejected,
        rejected: result.rejected,
      }),
    );
    return;
  }
  if (!result.written) {
    message(t("import.run.rejected", { file, count: result.rejected }));
    return;
  }
  if (result.createdCustomers > 0)
    message(t("import.run.createdCustomers", { count: result.createdCustomers }));
  if (result.createdProducts > 0) message(t("cli.import.createdProducts", { count: result.createdProducts }));
  printLine(
    t("import.run.summary", {
      file,
      read: result.rowsRead,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      seconds: result.seconds,
    }),
  );
  if (result.lines) printLine(t("cli.import.linesSummary", result.lines));
}

/** What `custra import fields` shows of one field. */
function describeField(spec: EntitySpec, field: EntitySpec["fields"][number]) {
  const required =
    field.name === spec.key && spec.deriveKeyFrom
      ? t("cli.import.fields.keyDerived", { fields: spec.deriveKeyFrom.join(", ") })
      : field.name === "customer_code" && spec.customerFrom
        ? `${t("cli.import.fields.yes")}, ${t("cli.import.fields.customerFrom", { field: spec.customerFrom })}`
        : field.required
          ? t("cli.import.fields.yes")
          : "";
  const values = field.values
    ? Object.entries(field.values).map(([value, spellings]) => ({ value, spellings: [...spellings] }))
    : undefined;
  return {
    name: field.name,
    kind: field.kind,
    required,
    aliases: field.aliases.filter((alias) => alias !== field.name),
    ...(values ? { values } : {}),
    ...(field.min !== undefined ? { min: field.min } : {}),
    ...(field.max !== undefined ? { max: field.max } : {}),
    ...(field.fallback ? { fallback: field.fallback } : {}),
  };
}

function printFields(entity: EntityName | undefined, json: boolean): void {
  const specs: Array<{ title: string; id: string; spec: EntitySpec }> = (
    entity ? [entity] : ENTITY_NAMES
  ).map((name) => ({
    id: name,
    title: t("cli.import.fields.title", { entity: name, key: ENTITIES[name].key }),
    spec: ENTITIES[name],
  }));
  if (entity === undefined || entity === "orders")
    specs.push({ id: "orders --lines", title: t("cli.import.fields.linesTitle"), spec: ORDER_LINE_FILE });
  if (json) {
    printJson(
      specs.map(({ id, spec }) => ({
        entity: id,
        key: spec.key,
        fields: spec.fields.map((f) => describeField(spec, f)),
      })),
    );
    return;
  }
  for (const [index, { title, spec }] of specs.entries()) {
    if (index > 0) printLine();
    printLine(title);
    const rows = spec.fields.map((field) => {
      const described = describeField(spec, field);
      const kind =
        t(`cli.import.kind.${field.kind}`) +
        (field.min !== undefined ? ` ${field.min}–${field.max}` : "") +
        (field.fallback ? `, ${t("cli.import.fields.fallback", { field: field.fallback })}` : "");
      const values = (described.values ?? [])
        .map((v) => (v.spellings.length > 0 ? `${v.value} (${v.spellings.join(", ")})` : v.value))
        .join("; ");
      return [field.name, kind, described.required, described.aliases.join(", "), values];
    });
    printLine(
      formatTable(
        [
          t("cli.import.fields.field"),
          t("cli.import.fields.kind"),
          t("cli.import.fields.required"),
          t("cli.import.fields.aliases"),
          t("cli.import.fields.values"),
        ],
        rows,
      ),
    );
  }
}
