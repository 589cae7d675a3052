/**
 * 设置 / 运行计划 (analyze): when the daily pipeline runs on its own and how its last runs went, over
 * GET /api/v1/jobs/schedule. The schedule is the server's configuration (CUSTRA_PIPELINE_SCHEDULE,
 * read at its start), not a company setting, so the page shows it and says how it is changed;
 * those who may run the pipeline (analyze, every customer in view) can start a run here, followed
 * until it ends.
 */
import { CaretRightOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey, useSchemeTitles } from "../../api/queries.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime, decimal } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import type { Job, JobStatus, PipelineSchedule } from "./system.types.ts";
import { addSystemTexts } from "./texts.ts";

addSystemTexts();

const STATUS_COLOURS: Record<JobStatus, string> = {
  queued: "default",
  running: "processing",
  succeeded: "success",
  failed: "error",
};
/** How often a run under way is read again. */
const FOLLOW_MS = 2000;

const underWay = (job: Job | null | undefined) => job?.status === "queued" || job?.status === "running";

export default function SchedulePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const user = useCurrentUser();
  const language = useLanguageKey();
  const companyZone = useCompanySettings().data?.settings.timeZone;
  const queryKey = ["pipeline-schedule", language];
  const schedule = useQuery({
    queryKey,
    queryFn: ({ signal }) => api<PipelineSchedule>("/jobs/schedule", { signal }),
    refetchInterval: (query) => (underWay(query.state.data?.lastJob) ? FOLLOW_MS : false),
  });
  const run = useMutation({
    mutationFn: () => api<Job>("/jobs", { method: "POST", body: { kind: "pipeline", input: {} } }),
    onSuccess: async (job) => {
      message.success(t("system.schedule.started", { id: job.id }));
      await client.invalidateQueries({ queryKey });
    },
    onError: (error) => message.error(`${t("system.schedule.startFailed")}: ${error.message}`),
  });

  if (schedule.isPending) return <PageLoading />;
  if (schedule.isError) return <LoadFailed error={schedule.error} onRetry={() => schedule.refetch()} />;
  const view = schedule.data;
  const mayRun = can(user, "analyze") && user.allCustomers;
  const zoneChanged =
    view.timeZoneFrom === "settings" && companyZone !== undefined && companyZone !== view.timeZone;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="schedule">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("system.schedule.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("system.schedule.subtitle")}</Typography.Text>
      </div>
      <Card title={t("system.schedule.plan")} data-testid="schedule-plan">
        {view.pattern === null ? (
          <Alert
            type="warning"
            showIcon
            title={t("system.schedule.off")}
            description={t("system.schedule.offDetail")}
            data-testid="schedule-off"
          />
        ) : (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t("system.schedule.pattern")}>
              <Typography.Text code data-testid="schedule-pattern">
                {view.pattern}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("system.schedule.timeZone")}>
              <span data-testid="schedule-zone">{view.timeZone}</span>{" "}
              {view.timeZoneFrom ? (
                <Typography.Text type="secondary">
                  {t(`system.schedule.timeZoneFrom.${view.timeZoneFrom}`)}
                </Typography.Text>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t("system.schedule.nextRuns")}>
              <Space orientation="vertical" size={0} data-testid="schedule-next">
                {view.nextRuns.map((at) => (
                  <span key={at}>{dateTime(at, view.timeZone ?? companyZone)}</span>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        )}
        {zoneChanged ? (
          <Alert
            type="warning"
            showIcon
            title={t("system.schedule.zoneChanged", { zone: companyZone })}
            style={{ marginTop: 16 }}
            data-testid="schedule-zone-changed"
          />
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t("system.schedule.configured")}
        </Typography.Paragraph>
      </Card>
      <Card
        title={t("system.schedule.lastJob")}
        data-testid="last-job"
        extra={
          mayRun ? (
            <Tooltip title={t("system.schedule.runNowHint")}>
              <Button
                type="primary"
                icon={<CaretRightOutlined />}
                loading={run.isPending || underWay(view.lastJob)}
                onClick={() => run.mutate()}
                data-testid="run-now"
              >
                {t("system.schedule.runNow")}
              </Button>
            </Tooltip>
          ) : null
        }
      >
        <JobView job={view.lastJob} timeZone={companyZone} />
      </Card>
      <Card title={t("system.schedule.lastScheduledJob")} data-testid="last-scheduled-job">
        <JobView job={view.lastScheduledJob} timeZone={companyZone} />
      </Card>
    </Space>
  );
}

/** A pipeline job: when and how it was started, where it is or how it ended, and what it did. */
function JobView({ job, timeZone }: { job: Job | null; timeZone: string | undefined }) {
  const { t } = useTranslation();
  if (!job) return <NoData text={t("system.schedule.noJob")} />;
  const seconds =
    job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
  const field = (name: string) => t(`system.schedule.fields.${name}`);
  return (
    <Descriptions column={2} size="small" bordered data-testid={`job-${job.id}`}>
      <Descriptions.Item label={field("id")}>#{job.id}</Descriptions.Item>
      <Descriptions.Item label={field("status")}>
        <Tag color={STATUS_COLOURS[job.status]} data-testid="job-status">
          {t(`system.schedule.status.${job.status}`)}
        </Tag>
      </Descriptions.Item>
      <Descriptions.Item label={field("trigger")}>
        {t(`system.schedule.trigger.${job.trigger}`)}
      </Descriptions.Item>
      <Descriptions.Item label={field("createdAt")}>{dateTime(job.createdAt, timeZone)}</Descriptions.Item>
      <Descriptions.Item label={field("startedAt")}>{dateTime(job.startedAt, timeZone)}</Descriptions.Item>
      <Descriptions.Item label={field("finishedAt")}>{dateTime(job.finishedAt, timeZone)}</Descriptions.Item>
      {seconds !== null ? (
        <Descriptions.Item label={field("duration")}>
          {t("system.schedule.seconds", { value: decimal(seconds, 1) })}
        </Descriptions.Item>
      ) : null}
      {underWay(job) && job.progress ? (
        <Descriptions.Item label={field("progress")} span={2}>
          <JobProgress progress={job.progress} />
        </Descriptions.Item>
      ) : null}
      {job.error ? (
        <Descriptions.Item label={field("error")} span={2}>
          <Typography.Text type="danger" data-testid="job-error">
            {job.error.detail ?? job.error.code}
          </Typography.Text>
        </Descriptions.Item>
      ) : null}
      {job.status === "succeeded" ? (
        <Descriptions.Item label={field("result")} span={2}>
          <JobResult job={job} />
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function JobProgress({ progress }: { progress: NonNullable<Job["progress"]> }) {
  const { t } = useTranslation();
  const step = progress.stage.split(".")[0] ?? progress.stage;
  const name = t(`system.schedule.steps.${step}`, { defaultValue: step });
  if (progress.done === undefined || progress.total === undefined) return <span>{name}</span>;
  return (
    <span>
      {t("system.schedule.progressStep", { step: name, done: progress.done + 1, total: progress.total })}
    </span>
  );
}

function JobResult({ job }: { job: Job }) {
  const { t } = useTranslation();
  const titles = useSchemeTitles();
  const result = job.result;
  if (!result)
    return <Typography.Text type="secondary">{t("system.schedule.result.hidden")}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="job-result">
      <span>
        {t("system.schedule.result.analysis", {
          asOf: result.analysis.asOf,
          customers: decimal(result.analysis.customers, 0),
          buyers: decimal(result.analysis.buyers, 0),
        })}
      </span>
      {result.grading.map((run) => (
        <span key={run.scheme.name}>
          {t("system.schedule.result.grading", {
            scheme: titles.get(run.scheme.name) ?? run.scheme.name,
            version: run.scheme.version,
            customers: decimal(run.customers, 0),
          })}
        </span>
      ))}
      <span>
        {t("system.schedule.result.tasks", {
          created: decimal(result.tasks.created, 0),
          candidates: decimal(result.tasks.candidates, 0),
        })}
      </span>
    </Space>
  );
}
