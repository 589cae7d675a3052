/**
 * An import profile: how the files of one source (a U8 order export, a shop's CSV) are read, saved
 * once and reused for every later import of that source (`custra import orders F --profile
 * u8-orders.yaml`; the web import wizard writes the same documents). It holds what the command
 * line can say, under the names below: the column map, value maps, date format, defaults.
 */
import { z } from "zod";
import { ENTITIES, ENTITY_NAMES, type EntityName, ORDER_LINE_FILE } from "./entities.ts";
import { text } from "./errors/text.ts";
import { type IssueText, zodIssueTexts } from "./i18n/document-issues.ts";
import { type Catalog, registerCatalog } from "./i18n/i18n.ts";

export interface ImportProfile {
  /** The entity the source's files hold; the command's entity must be the same. */
  readonly entity?: EntityName;
  /** XLSX: the sheet to read. */
  readonly sheet?: string;
  /** Source column → entity field, as `--map column=field`; an empty field leaves the column out. */
  readonly columns?: Readonly<Record<string, string>>;
  /** Per field, source value → custra value, as `--values field:source=target`. */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** As `--date-format`: "dd/mm/yyyy", "mm/dd/yyyy HH:mm" … */
  readonly date_format?: string;
  /** Per field, the value of rows whose cell is empty or of every row when the file lacks the column. */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Orders only: the file has one row per order line (as `--lines`). */
  readonly lines?: boolean;
  /** As `--create-customers`. */
  readonly create_customers?: boolean;
}

const catalog = {
  "importProfile.invalid": {
    "zh-CN": "导入配置 {file} 有误：{issues}",
    en: "the import profile {file} is invalid: {issues}",
  },
  "importProfile.problem.unknown_field": {
    "zh-CN": "{entity} 没有字段“{field}”；可用字段：{fields}",
    en: '{entity} has no field "{field}"; its fields are: {fields}',
  },
  "importProfile.problem.lines_orders_only": {
    "zh-CN": "只有 orders（订单）可以按明细行导入",
    en: "only orders can be imported from a file of order lines",
  },
} satisfies Catalog;

registerCatalog(catalog);

/** YAML reads `是: true` and `1: completed` as a boolean and a number; a profile means the text. */
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));
const nonEmpty = z.string().trim().min(1);

const profileSchema = z.strictObject({
  entity: z.enum(ENTITY_NAMES).optional(),
  sheet: nonEmpty.optional(),
  columns: z.record(nonEmpty, z.string().trim()).optional(),
  values: z.record(nonEmpty, z.record(z.string(), scalar)).optional(),
  date_format: nonEmpty.optional(),
  defaults: z.record(nonEmpty, scalar).optional(),
  lines: z.boolean().optional(),
  create_customers: z.boolean().optional(),
});

/**
 * The schema of a profile as a JSON document (the server takes profiles in this form); the names
 * of the fields it holds are checked against the entity by `importProfileIssues`.
 */
export const IMPORT_PROFILE_SCHEMA: z.ZodType<ImportProfile, unknown> = profileSchema;

/** A profile's problems, each at its path ("values.colour: …"), for the entity it is used with. */
export function importProfileIssues(
  input: unknown,
  entity: EntityName,
): { profile?: ImportProfile; issues: IssueText[] } {
  const result = profileSchema.safeParse(input ?? {}, { reportInput: true });
  if (!result.success) {
    const ownProblem = (key: string) => key in catalog;
    return { issues: result.error.issues.flatMap((issue) => zodIssueTexts(issue, ownProblem)) };
  }
  const profile = result.data;
  const issues: IssueText[] = [];
  const named = ENTITIES[profile.entity ?? entity];
  const spec = profile.lines && named.name === "orders" ? ORDER_LINE_FILE : named;
  const fields = new Set(spec.fields.map((field) => field.name));
  const checkField = (path: string, field: string) => {
    if (!fields.has(field))
      issues.push({
        path,
        problem: text("importProfile.problem.unknown_field", {
          entity: spec.name,
          field,
          fields: [...fields].join(", "),
        }),
      });
  };
  for (const [column, field] of Object.entries(profile.columns ?? {}))
    if (field !== "") checkField(`columns.${column}`, field);
  for (const field of Object.keys(profile.values ?? {})) checkField(`values.${field}`, field);
  for (const field of Object.keys(profile.defaults ?? {})) checkField(`defaults.${field}`, field);
  if (profile.lines && named.name !== "orders")
    issues.push({ path: "lines", problem: text("importProfile.problem.lines_orders_only") });
  return { profile, issues };
}
