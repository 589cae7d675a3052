/**
 * 策略与任务's texts join the catalogue (as `tasks.*`, both languages) when this page's chunk
 * loads, with 工作台's, whose task actions, churn reasons and care occasions the page shares.
 */
import { i18n } from "../../i18n/i18n.ts";
import { tasksEn } from "../../i18n/tasks.en.ts";
import { tasksZhCN } from "../../i18n/tasks.zh-CN.ts";
import { addMyDayTexts } from "../my-day/texts.ts";

export const TASKS_TEXTS = { "zh-CN": tasksZhCN, en: tasksEn } as const;

export function addTasksTexts(): void {
  addMyDayTexts();
  for (const [language, texts] of Object.entries(TASKS_TEXTS))
    i18n.addResourceBundle(language, "translation", { tasks: texts }, true, false);
}
