/**
 * How the user asks for a file to be read (the kind of data, the column map, a saved profile, the
 * date format), as one value: the preview, the validation and the import send the same, and a
 * validation counts only for the choices it was made with.
 */
import { useTranslation } from "react-i18next";

export interface ReadChoices {
  readonly entity: string;
  readonly file: File;
  /** Which upload this is: a new file (even of the same name) is read afresh. */
  readonly fileKey: number;
  /** The user's own column choices (column → field; "" leaves the column out), over the suggestions. */
  readonly map: Readonly<Record<string, string>>;
  readonly profileName?: string;
  readonly dateFormat?: string;
}

/** What identifies the choices (a File has no JSON form: the upload's key stands for it). */
export function choicesKey(choices: ReadChoices): string {
  const { entity, fileKey, map, profileName, dateFormat } = choices;
  return JSON.stringify([entity, fileKey, map, profileName ?? null, dateFormat ?? null]);
}

/** The multipart body of an import route: the read options as JSON, then the file. */
export function importForm(choices: ReadChoices, extra: { skipInvalid?: boolean } = {}): FormData {
  const options = {
    ...(Object.keys(choices.map).length > 0 ? { map: choices.map } : {}),
    ...(choices.profileName ? { profileName: choices.profileName } : {}),
    ...(choices.dateFormat ? { dateFormat: choices.dateFormat } : {}),
    ...(extra.skipInvalid ? { skipInvalid: true } : {}),
  };
  const form = new FormData();
  form.append("options", JSON.stringify(options));
  form.append("file", choices.file, choices.file.name);
  return form;
}

/** An entity field's label in the reader's language (its code when the page has none). */
export function useFieldLabel(entity: string): (field: string) => string {
  const { t } = useTranslation();
  return (field) => t(`imports.fields.${entity}.${field}`, { defaultValue: field });
}

/** The text encoding the server detected, as people know it (GBK files are read as GB18030). */
export function encodingLabel(encoding: string | undefined): string {
  if (!encoding) return "—";
  if (encoding === "gb18030") return "GBK / GB18030";
  if (encoding === "big5") return "Big5";
  return encoding.toUpperCase();
}
