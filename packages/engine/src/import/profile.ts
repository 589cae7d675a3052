/**
 * Import profiles as files: YAML (or JSON, which YAML reads too), checked with every problem at
 * its path. What a profile holds is described in core (`ImportProfile`).
 */
import { readFile } from "node:fs/promises";
import {
  type EntityName,
  type ImportProfile,
  importProfileIssues,
  importProfileMessage,
  t,
} from "@custra/core";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { ImportError } from "./pipeline.ts";
import "./pipeline.messages.ts";
import { parseDateFormat } from "./values.ts";

/** The profile in `file`, for importing into `entity`; an unreadable or invalid one is an ImportError. */
export async function readImportProfile(file: string, entity: EntityName): Promise<ImportProfile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ImportError(t("import.profile.unreadable", { file, problem: (error as Error).message }), {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = parseYaml(text.replace(/^\ufeff/, ""));
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    const problem = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ImportError(t("import.profile.syntax", { file, line: at.line, column: at.col, problem }), {
      cause: error,
    });
  }
  const { profile, issues } = importProfileIssues(document, entity);
  if (profile?.date_format !== undefined && !parseDateFormat(profile.date_format))
    issues.push({
      path: "date_format",
      problem: t("import.run.badDateFormat", { format: profile.date_format }),
    });
  if (profile?.entity !== undefined && profile.entity !== entity)
    issues.push({
      path: "entity",
      problem: t("import.profile.otherEntity", { profile: profile.entity, entity }),
    });
  if (!profile || issues.length > 0) throw new ImportError(importProfileMessage(file, issues));
  return profile;
}
