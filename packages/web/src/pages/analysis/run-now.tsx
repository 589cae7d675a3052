/**
 * 立即运行: an analysis of every customer started as a background job (POST /analysis-runs) with
 * the settings the API takes, its progress followed on GET /jobs/{id} until it ends. A failure's
 * reason is the server's, in the reader's language; a success hands the new run to the page.
 */
import { CaretRightOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  type FormInstance,
  InputNumber,
  Progress,
  Select,
  Space,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import type { AnalysisJob, RunAnalysisInput, TimeUnit, TransactionModel } from "./analysis.types.ts";

/** The analysis job's stages in order (engine ANALYZE_STAGES): how far along the bar is. */
const STAGES = ["summary", "fit", "predict", "classify", "write"] as const;
/** How often a job under way is read again. */
const FOLLOW_MS = 1000;
/** A year ahead in either unit: what the API defaults to. */
const HORIZONS: Record<TimeUnit, number> = { week: 52, day: 365 };
const MODELS: readonly TransactionModel[] = ["bgnbd", "pareto-nbd"];

export interface RunFormValues {
  readonly asOf: Dayjs | null;
  readonly timeUnit: TimeUnit;
  readonly horizon: number;
  readonly model: TransactionModel;
  /** In percent, as the reader writes it. */
  readonly discountRate: number;
}

export const RUN_DEFAULTS: RunFormValues = {
  asOf: null,
  timeUnit: "week",
  horizon: HORIZONS.week,
  model: "bgnbd",
  discountRate: 10,
};

const finished = (job: AnalysisJob | undefined) => job?.status === "succeeded" || job?.status === "failed";

function inputOf(values: RunFormValues): RunAnalysisInput {
  return {
    ...(values.asOf ? { asOf: values.asOf.format("YYYY-MM-DD") } : {}),
    timeUnit: values.timeUnit,
    horizon: values.horizon,
    model: values.model,
    discountRate: values.discountRate / 100,
  };
}

export function RunNow({
  form,
  onFinished,
}: {
  readonly form: FormInstance<RunFormValues>;
  /** Told once of a run the job wrote. */
  readonly onFinished: (runId: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useMutation({
    mutationFn: (values: RunFormValues) =>
      api<AnalysisJob>("/analysis-runs", { method: "POST", body: inputOf(values) }),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ["analysis-job", jobId, language],
    queryFn: ({ signal }) => api<AnalysisJob>(`/jobs/${jobId}`, { signal }),
    enabled: jobId !== null,
    refetchInterval: (query) => (finished(query.state.data) ? false : FOLLOW_MS),
  });
  const told = useRef<number | null>(null);
  useEffect(() => {
    const runId = job.data?.status === "succeeded" ? job.data.result?.runId : undefined;
    if (runId !== undefined && told.current !== job.data!.id) {
      told.current = job.data!.id;
      onFinished(runId);
    }
  }, [job.data, onFinished]);
  const running = start.isPending || (jobId !== null && !finished(job.data));

  return (
    <Card title={t("analysis.run.title")} data-testid="run-now">
      <Typography.Paragraph type="secondary">{t("analysis.run.hint")}</Typography.Paragraph>
      <Form<RunFormValues>
        form={form}
        layout="inline"
        initialValues={RUN_DEFAULTS}
        disabled={running}
        onValuesChange={(changed: Partial<RunFormValues>) => {
          if (changed.timeUnit) form.setFieldValue("horizon", HORIZONS[changed.timeUnit]);
        }}
        onFinish={(values) => start.mutate(values)}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="asOf" label={t("analysis.run.asOf")} tooltip={t("analysis.run.asOfHint")}>
          <DatePicker
            placeholder={t("analysis.run.asOfPlaceholder")}
            style={{ width: 230 }}
            data-testid="run-as-of"
          />
        </Form.Item>
        <Form.Item name="timeUnit" label={t("analysis.run.timeUnit")}>
          <Select
            style={{ width: 90 }}
            data-testid="run-time-unit"
            options={(["week", "day"] as const).map((unit) => ({
              value: unit,
              label: t(`analysis.run.units.${unit}`),
            }))}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={["timeUnit"]}>
          {() => (
            <Form.Item name="horizon" label={t("analysis.run.horizon")}>
              <InputNumber
                min={1}
                max={10_000}
                precision={0}
                suffix={t(`analysis.run.units.${form.getFieldValue("timeUnit") ?? "week"}`)}
                style={{ width: 130 }}
                data-testid="run-horizon"
              />
            </Form.Item>
          )}
        </Form.Item>
        <Form.Item name="model" label={t("analysis.run.model")}>
          <Select
            style={{ width: 130 }}
            data-testid="run-model"
            options={MODELS.map((model) => ({ value: model, label: t(`analysis.predictor.${model}`) }))}
          />
        </Form.Item>
        <Form.Item name="discountRate" label={t("analysis.run.discountRate")}>
          <InputNumber min={0} max={100} step={1} style={{ width: 90 }} data-testid="run-discount-rate" />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CaretRightOutlined />}
            loading={running}
            data-testid="run-start"
          >
            {t("analysis.run.start")}
          </Button>
        </Form.Item>
      </Form>
      {start.isError ? (
        <Alert
          type="error"
          showIcon
          title={t("analysis.run.startFailed")}
          description={start.error.message}
          style={{ marginTop: 16 }}
          data-testid="run-start-failed"
        />
      ) : null}
      {jobId !== null ? <JobProgress job={job.data} /> : null}
    </Card>
  );
}

function JobProgress({ job }: { readonly job: AnalysisJob | undefined }) {
  const { t } = useTranslation();
  if (job?.status === "failed")
    return (
      <Space orientation="vertical" style={{ width: "100%", marginTop: 16 }}>
        <Progress percent={100} status="exception" data-testid="run-progress" />
        <Alert
          type="error"
          showIcon
          title={t("analysis.run.failed")}
          description={job.error?.detail ?? job.error?.code}
          data-testid="run-failed"
        />
      </Space>
    );
  if (job?.status === "succeeded")
    return (
      <Space orientation="vertical" style={{ width: "100%", marginTop: 16 }}>
        <Progress percent={100} status="success" data-testid="run-progress" />
        <Alert
          type="success"
          showIcon
          title={t("analysis.run.succeeded", { id: job.result?.runId })}
          data-testid="run-succeeded"
        />
      </Space>
    );
  // A stage reported is a stage begun: the bar shows the stages before it as done.
  const stage = job?.progress?.stage;
  const index = (STAGES as readonly string[]).indexOf(stage ?? "");
  const percent = index < 0 ? 0 : Math.round((index / STAGES.length) * 100);
  return (
    <Space orientation="vertical" style={{ width: "100%", marginTop: 16 }}>
      <Progress percent={percent} status="active" data-testid="run-progress" />
      <Typography.Text type="secondary" data-testid="run-stage">
        {t(`analysis.run.stage.${index < 0 ? "queued" : stage}`)}
      </Typography.Text>
    </Space>
  );
}
