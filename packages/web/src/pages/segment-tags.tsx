/** Segment and grade codes as people read them, with the colours the workbench uses for them. */
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { zhCN } from "../i18n/zh-CN.ts";

export type SegmentFamily = keyof typeof zhCN.segments;

const WARNING_COLORS: Record<string, string> = { watch: "gold", warning: "orange", critical: "red" };
const GRADE_COLORS: Record<string, string> = { A: "gold", B: "blue", C: "green" };

export function SegmentLabel({ family, code }: { family: SegmentFamily; code: string | null }) {
  const { t } = useTranslation();
  if (!code) return <>{t("common.none")}</>;
  const label = t(`segments.${family}.${code}`, { defaultValue: code });
  if (family === "warning") return <Tag color={WARNING_COLORS[code] ?? "default"}>{label}</Tag>;
  return <>{label}</>;
}

export function GradeTag({ grade, label }: { grade: string | null; label?: string }) {
  const { t } = useTranslation();
  if (!grade) return <>{t("common.none")}</>;
  return <Tag color={GRADE_COLORS[grade] ?? "default"}>{label ?? grade}</Tag>;
}
