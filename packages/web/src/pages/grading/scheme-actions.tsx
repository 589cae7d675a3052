/**
 * Saving the draft as the scheme's next version (POST /schemes), and applying it: saving, then
 * grading every customer with it as a job (POST /jobs, kind "grade"), its stages shown as it runs
 * (GET /jobs/{id}). Once the grading has finished every query is read again, so the customer
 * list, the overview and this page show the new grades.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Popconfirm, Space, Steps, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { SESSION_KEY } from "../../auth/session.tsx";
import { decimal } from "../../format/format.ts";
import type { GradingScheme, Job, SavedVersion } from "./grading.types.ts";

const STAGES = ["load", "grade", "write"] as const;
const POLL_MS = 500;

export function SchemeActions({
  draft,
  dirty,
  valid,
  canApply,
  onReset,
}: {
  draft: GradingScheme;
  dirty: boolean;
  /** False while the server reports problems with the draft. */
  valid: boolean;
  /** The user may run the grading (analyze, and every customer in scope). */
  canApply: boolean;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);

  const save = async () => {
    const saved = await api<SavedVersion>("/schemes", { method: "POST", body: { document: draft } });
    message.success(
      saved.added
        ? t("grading.actions.saved", { version: saved.version })
        : t("grading.actions.unchanged", { version: saved.version }),
    );
    return saved;
  };
  const saving = useMutation({
    mutationFn: save,
    onSuccess: () => client.invalidateQueries({ queryKey: ["scheme", draft.name] }),
    onError: (error) => message.error(error.message),
  });
  const applying = useMutation({
    mutationFn: async () => {
      const saved = await save();
      const job = await api<Job>("/jobs", {
        method: "POST",
        body: { kind: "grade", input: { scheme: saved.name, schemeVersion: saved.version } },
      });
      setJobId(job.id);
      return saved;
    },
    onError: (error) => message.error(error.message),
  });
  const job = useQuery({
    queryKey: ["job", jobId],
    queryFn: ({ signal }) => api<Job>(`/jobs/${jobId}`, { signal }),
    enabled: jobId !== null,
    refetchInterval: (query) => (finished(query.state.data) ? false : POLL_MS),
  });

  const done = job.data && finished(job.data) ? job.data : null;
  useEffect(() => {
    if (!done) return;
    setJobId(null);
    if (done.status === "succeeded" && done.result) {
      message.success({
        content: (
          <span data-testid="applied">
            {t("grading.actions.applied", {
              run: done.result.gradeRunId ?? "",
              customers: decimal(done.result.customers, 0),
            })}
          </span>
        ),
        duration: 6,
      });
    } else {
      message.error(t("grading.actions.failed", { code: done.error?.code ?? done.status }));
    }
    // The new grades and version are everywhere: the list, the overview, this page.
    void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  }, [done, client, message, t]);

  const running = jobId !== null;
  const busy = saving.isPending || applying.isPending || running;
  const stage = job.data?.progress?.stage;
  return (
    <Space orientation="vertical" size={4} style={{ alignItems: "flex-end" }}>
      <Space wrap>
        {dirty && (
          <Tag color="orange" data-testid="dirty">
            {t("grading.actions.dirty")}
          </Tag>
        )}
        <Button disabled={!dirty || busy} onClick={onReset} data-testid="reset-draft">
          {t("grading.actions.reset")}
        </Button>
        <Button
          disabled={!dirty || !valid || busy}
          loading={saving.isPending}
          onClick={() => saving.mutate()}
          data-testid="save-version"
        >
          {t("grading.actions.save")}
        </Button>
        {canApply && (
          <Popconfirm
            title={t("grading.actions.confirmTitle")}
            description={<div style={{ maxWidth: 320 }}>{t("grading.actions.confirmText")}</div>}
            okText={t("grading.actions.apply")}
            cancelText={t("grading.actions.cancel")}
            okButtonProps={{ "data-testid": "apply-confirm" } as Record<string, string>}
            onConfirm={() => applying.mutate()}
            disabled={!valid || busy}
          >
            <Button
              type="primary"
              disabled={!valid || busy}
              loading={applying.isPending || running}
              data-testid="apply"
            >
              {t("grading.actions.apply")}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {running && (
        <Space data-testid="apply-progress">
          <Typography.Text type="secondary">{t("grading.actions.applying")}</Typography.Text>
          <Steps
            size="small"
            style={{ minWidth: 360 }}
            current={stage ? Math.max(0, STAGES.indexOf(stage as (typeof STAGES)[number])) : 0}
            items={STAGES.map((name) => ({ title: t(`grading.job.${name}`) }))}
          />
        </Space>
      )}
      {!canApply && <Typography.Text type="secondary">{t("grading.actions.noApply")}</Typography.Text>}
    </Space>
  );
}

function finished(job: Job | undefined): boolean {
  return job?.status === "succeeded" || job?.status === "failed";
}
