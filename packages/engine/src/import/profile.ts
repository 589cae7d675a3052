/**
 * Import profiles as files: YAML (or JSON, which YAML reads too), checked with every problem at
 * its path. What a profile holds is described in core (`ImportProfile`).
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { type EntityName, type ImportProfile, importProfileIssues } from "@custra/core";
import { issueAsText, text } from "@custra/core/errors";
import { parse as parseYaml, stringify as toYaml, YAMLParseError } from "yaml";
import { ImportError } from "./pipeline.ts";
import "./pipeline.messages.ts";
import { parseDateFormat } from "./values.ts";

/** The profile in `file`, for importing into `entity`; an unreadable or invalid one is an ImportError. */
export async function readImportProfile(file: string, entity: EntityName): Promise<ImportProfile> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    throw new ImportError(
      "IMPORT_PROFILE_UNREADABLE",
      { file, problem: (error as Error).message },
      { cause: error },
    );
  }
  let document: unknown;
  try {
    document = parseYaml(source.replace(/^\ufeff/, ""));
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    const problem = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ImportError(
      "IMPORT_PROFILE_SYNTAX",
      { file, line: at.line, column: at.col, problem },
      { cause: error },
    );
  }
  return checkImportProfile(document, entity, file);
}

/**
 * `document` as a profile for importing into `entity` (the profile a server receives as JSON, or
 * a file's contents); every problem at its path, as IMPORT_PROFILE_INVALID naming `source`.
 */
export function checkImportProfile(document: unknown, entity: EntityName, source = ""): ImportProfile {
  const { profile, issues } = importProfileIssues(document, entity);
  if (profile?.date_format !== undefined && !parseDateFormat(profile.date_format))
    issues.push({
      path: "date_format",
      problem: text("import.run.badDateFormat", { format: profile.date_format }),
    });
  if (profile?.entity !== undefined && profile.entity !== entity)
    issues.push({
      path: "entity",
      problem: text("import.profile.otherEntity", { profile: profile.entity, entity }),
    });
  if (!profile || issues.length > 0)
    throw new ImportError("IMPORT_PROFILE_INVALID", { file: source, issues: issues.map(issueAsText) });
  return profile;
}

/** Saves `profile` as YAML in `file` (written whole, then renamed into place), for the next import. */
export async function writeImportProfile(file: string, profile: ImportProfile): Promise<void> {
  const temp = `${file}.${process.pid}.part`;
  try {
    await writeFile(temp, toYaml(profile), "utf8");
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw new ImportError(
      "IMPORT_PROFILE_UNWRITABLE",
      { file, problem: (error as Error).message },
      { cause: error },
    );
  }
}
