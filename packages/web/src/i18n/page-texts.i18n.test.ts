import { describe, expect, it } from "vitest";
import { analysisEn } from "./analysis.en.ts";
import { analysisZhCN } from "./analysis.zh-CN.ts";
import { keyPaths, placeholders, valueAt } from "./catalog-paths.ts";
import { customer360En } from "./customer-360.en.ts";
import { customer360ZhCN } from "./customer-360.zh-CN.ts";
import { customerListEn } from "./customer-list.en.ts";
import { customerListZhCN } from "./customer-list.zh-CN.ts";
import { gradingEn } from "./grading.en.ts";
import { gradingZhCN } from "./grading.zh-CN.ts";
import { importsEn } from "./imports.en.ts";
import { importsZhCN } from "./imports.zh-CN.ts";
import { myDayEn } from "./my-day.en.ts";
import { myDayZhCN } from "./my-day.zh-CN.ts";
import { orgEn } from "./org.en.ts";
import { orgZhCN } from "./org.zh-CN.ts";
import { overviewEn } from "./overview.en.ts";
import { overviewZhCN } from "./overview.zh-CN.ts";
import { satisfactionEn } from "./satisfaction.en.ts";
import { satisfactionZhCN } from "./satisfaction.zh-CN.ts";
import { systemEn } from "./system.en.ts";
import { systemZhCN } from "./system.zh-CN.ts";
import { tasksEn } from "./tasks.en.ts";
import { tasksZhCN } from "./tasks.zh-CN.ts";

/** The texts each page adds to the catalogue when its chunk loads (its texts.ts). */
const PAGES = [
  { page: "the customer list", zhCN: customerListZhCN, en: customerListEn },
  { page: "the customer 360 page", zhCN: customer360ZhCN, en: customer360En },
  { page: "the my day page", zhCN: myDayZhCN, en: myDayEn },
  { page: "the structure overview", zhCN: overviewZhCN, en: overviewEn },
  { page: "the grading schemes", zhCN: gradingZhCN, en: gradingEn },
  { page: "the import page", zhCN: importsZhCN, en: importsEn },
  { page: "the playbooks and tasks page", zhCN: tasksZhCN, en: tasksEn },
  { page: "the satisfaction page", zhCN: satisfactionZhCN, en: satisfactionEn },
  { page: "the system settings pages", zhCN: systemZhCN, en: systemEn },
  { page: "the analysis page", zhCN: analysisZhCN, en: analysisEn },
  { page: "the organisation settings pages", zhCN: orgZhCN, en: orgEn },
];

describe.each(PAGES)("$page's texts", ({ zhCN, en }) => {
  it("have the same keys and placeholders in both languages, none empty, no Chinese in English", () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(zhCN).sort());
    for (const path of keyPaths(zhCN)) {
      expect(valueAt(zhCN, path), path).not.toBe("");
      expect(placeholders(valueAt(en, path)), path).toEqual(placeholders(valueAt(zhCN, path)));
      expect(valueAt(en, path), path).not.toMatch(/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/);
    }
  });
});
