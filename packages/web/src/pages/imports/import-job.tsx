/**
 * An import running on the server as a job: its progress as the server streams it
 * (GET /jobs/{id}/events: the stage, and the bytes of the file read so far), then its outcome, read
 * again through the API so that a failure's reason comes in the reader's language.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Progress, Result, Space, Typography } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import { decimal } from "../../format/format.ts";
import type { Job, JobProgress } from "./imports.types.ts";

const STAGES = ["reading", "checking", "writing"] as const;

/** The job's progress events until it ends, then the job as the API gives it to the reader. */
function useJob(id: number): { progress: JobProgress | null; job: Job | undefined } {
  const client = useQueryClient();
  const language = useLanguageKey();
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    const events = new EventSource(`/api/v1/jobs/${id}/events`);
    events.addEventListener("progress", (event) => setProgress(JSON.parse((event as MessageEvent).data)));
    events.addEventListener("finished", () => {
      events.close();
      setEnded(true);
      void client.invalidateQueries({ queryKey: ["import-history"] });
    });
    // A stream that cannot be opened (or is cut) is no reason to wait forever: the job is read.
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) setEnded(true);
    };
    return () => events.close();
  }, [id, client]);
  const job = useQuery({
    queryKey: ["job", id, language],
    queryFn: () => api<Job>(`/jobs/${id}`),
    enabled: ended,
    // Read until it has ended: a stream cut short ends the wait before the job does.
    refetchInterval: (query) => (query.state.data && !finished(query.state.data) ? 1000 : false),
  });
  return { progress, job: job.data && finished(job.data) ? job.data : undefined };
}

const finished = (job: Job) => job.status === "succeeded" || job.status === "failed";

export function ImportJob({ id, extra }: { id: number; extra: ReactNode }) {
  const { t } = useTranslation();
  const { progress, job } = useJob(id);

  if (job?.status === "succeeded" && job.result) {
    const { rowsRead, inserted, updated, unchanged, rejected } = job.result;
    return (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Progress percent={100} status="success" data-testid="import-progress" />
        <Result
          status="success"
          title={t("imports.commit.succeeded")}
          subTitle={
            <span data-testid="import-summary">
              {t("imports.commit.summary", {
                read: decimal(rowsRead, 0),
                inserted: decimal(inserted, 0),
                updated: decimal(updated, 0),
                unchanged: decimal(unchanged, 0),
                rejected: decimal(rejected, 0),
              })}
            </span>
          }
          extra={extra}
          data-testid="import-succeeded"
        />
      </Space>
    );
  }
  if (job?.status === "failed")
    return (
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Progress percent={100} status="exception" data-testid="import-progress" />
        <Alert
          type="error"
          showIcon
          title={t("imports.commit.failed")}
          description={job.error?.detail ?? job.error?.code}
          action={extra}
          data-testid="import-failed"
        />
      </Space>
    );

  // Reading is measured in the file's bytes; checking and writing come after the whole file is read.
  const stage =
    progress && (STAGES as readonly string[]).includes(progress.stage) ? progress.stage : "queued";
  const read = progress?.total ? (progress.done ?? 0) / progress.total : 0;
  const percent = Math.min(99, Math.floor(read * 100));
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Progress percent={percent} status="active" data-testid="import-progress" />
      <Typography.Text type="secondary" data-testid="import-stage">
        {t(`imports.commit.stage.${stage}`)}
      </Typography.Text>
    </Space>
  );
}
