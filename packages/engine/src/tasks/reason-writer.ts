/**
 * Task reasons in words, as everything that shows tasks renders them (tasks list, customer show,
 * the tasks export): money in the company's currency, and a fall from a grade named by the labels
 * of the scheme behind the playbook that made the task.
 */
import { type GradingScheme, gradeLabel, type Locale, reasonText, type TaskReason } from "@custra/core";
import type { DbHandle } from "@custra/db";
import { listDefinitions } from "../grade/definitions.ts";
import { loadSettings } from "../settings/settings.ts";

/** What a reason needs: the reason, and the playbook that made it (a campaign's own, a task's in its details). */
export interface TaskReasonSource {
  reason: TaskReason;
  details?: Record<string, unknown> | null;
  playbook?: string;
}

/**
 * Reads the schemes, playbooks and currency once, and returns the function that words a task's
 * reason in the reader's language.
 */
export async function taskReasonTexts(
  handle: DbHandle,
): Promise<(task: TaskReasonSource, locale: Locale) => string> {
  const { currency } = await loadSettings(handle);
  const schemes = new Map<string, GradingScheme>(
    (await listDefinitions(handle, "scheme")).map((stored) => [stored.name, stored.definition]),
  );
  const schemeOfPlaybook = new Map<string, GradingScheme>();
  for (const { name, definition } of await listDefinitions(handle, "playbook")) {
    const scheme = definition.basis.kind === "grade" ? schemes.get(definition.basis.scheme) : undefined;
    if (scheme) schemeOfPlaybook.set(name, scheme);
  }
  return (task, locale) => {
    const playbook =
      task.playbook ?? (typeof task.details?.playbook === "string" ? task.details.playbook : undefined);
    const scheme = playbook === undefined ? undefined : schemeOfPlaybook.get(playbook);
    return reasonText(task.reason, {
      locale,
      currency,
      ...(scheme ? { gradeLabel: (code: string) => gradeLabel(scheme, code, locale) } : {}),
    });
  };
}
