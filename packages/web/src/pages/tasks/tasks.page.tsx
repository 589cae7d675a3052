/**
 * 策略与任务 / Playbooks and tasks (issue 11): the team's task board, the playbook of each grade
 * with its versions, the customers with churn warnings and the care calendar, one tab each (the
 * tab in the URL, ?tab=, so each can be linked). Every list is the server's, within the reader's
 * scope; the actions show only where the reader's role allows them.
 */
import { Space, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CareCalendar } from "./care-calendar.tsx";
import { ChurnWarnings } from "./churn-warnings.tsx";
import { Playbooks } from "./playbooks.tsx";
import { TaskBoard } from "./task-board.tsx";
import { addTasksTexts } from "./texts.ts";

addTasksTexts();

const TABS = ["board", "playbooks", "warnings", "care"] as const;
type Tab = (typeof TABS)[number];

export default function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((candidate) => candidate === params.get("tab")) ?? "board";
  // Another tab starts without the last one's filters.
  const open = (next: string) => setParams(next === "board" ? {} : { tab: next }, { replace: true });
  const content: Record<Tab, () => React.ReactNode> = {
    board: () => <TaskBoard />,
    playbooks: () => <Playbooks />,
    warnings: () => <ChurnWarnings />,
    care: () => <CareCalendar />,
  };
  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }} data-testid="tasks-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("tasks.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("tasks.subtitle")}</Typography.Text>
      </div>
      <Tabs
        activeKey={tab}
        onChange={open}
        data-testid="tasks-tabs"
        items={TABS.map((key) => ({
          key,
          label: <span data-testid={`tab-${key}`}>{t(`tasks.tabs.${key}`)}</span>,
          children: key === tab ? content[key]() : null,
        }))}
      />
    </Space>
  );
}
