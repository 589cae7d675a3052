/**
 * Grading schemes and playbooks as files people write and read: YAML (or JSON, which YAML reads
 * too) in, YAML out. The document is only read here; saveDefinition validates it.
 */
import { readFile } from "node:fs/promises";
import { parse as parseYaml, stringify, YAMLParseError } from "yaml";
import { GradeError } from "./errors.ts";

/** The document in a YAML or JSON file, as plain data; errors name the file and, for syntax, the line. */
export async function readDefinitionFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new GradeError("GRADE_FILE_MISSING", { file: path }, { cause: error });
    throw new GradeError(
      "GRADE_FILE_UNREADABLE",
      { file: path, problem: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
  // A byte-order mark from Windows editors is not part of the document.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  try {
    return parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    // The parser's message ends with the offending lines; its first line says what is wrong.
    const problem = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new GradeError(
      "GRADE_FILE_SYNTAX",
      { file: path, line: at.line, column: at.col, problem },
      { cause: error },
    );
  }
}

/** A definition as YAML, the way `custra scheme show` prints it and an import reads it back. */
export function definitionYaml(definition: unknown): string {
  return stringify(definition, { lineWidth: 0 });
}
