/**
 * 分析 / Analysis runs (issue 11): start an analysis now and follow it (those who may run one:
 * analyze with every customer in view), the runs with their settings, who started them, the
 * models' fit and warnings, and for the chosen run how its predictions came true on the orders
 * after its as-of date. Before the first run, a guided start.
 */
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Result, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey } from "../../api/queries.ts";
import { can, SESSION_KEY, useCurrentUser } from "../../auth/session.tsx";
import { LoadFailed, PageLoading } from "../../shell/states.tsx";
import type { AnalysisRunPage } from "./analysis.types.ts";
import { Backtest } from "./backtest.tsx";
import { ModelFits } from "./model-fit.tsx";
import { RunHistory } from "./run-history.tsx";
import { type RunFormValues, RunNow } from "./run-now.tsx";
import { addAnalysisTexts } from "./texts.ts";

addAnalysisTexts();

const PAGE = 20;

export default function AnalysisPage() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const user = useCurrentUser();
  const client = useQueryClient();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const mayRun = can(user, "analyze") && user.allCustomers;
  const [form] = Form.useForm<RunFormValues>();
  const runBox = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const runs = useInfiniteQuery({
    queryKey: ["analysis-runs", language],
    queryFn: ({ pageParam, signal }) =>
      api<AnalysisRunPage>("/analysis-runs", { query: { limit: PAGE, cursor: pageParam }, signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // A new run changes what every page shows (the latest run is the workbench's): all is read again.
  const onFinished = useCallback(
    (runId: number) => {
      setChosen(runId);
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    },
    [client],
  );
  const runAsOf = (asOf: string) => {
    form.setFieldsValue({ asOf: dayjs(asOf) });
    runBox.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  };

  if (runs.isPending) return <PageLoading />;
  if (runs.isError) return <LoadFailed error={runs.error} onRetry={() => runs.refetch()} />;
  const entries = runs.data.pages.flatMap((page) => page.runs);
  const selected = entries.find((entry) => entry.run.id === chosen) ?? entries[0];

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="analysis-page">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("analysis.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("analysis.subtitle")}</Typography.Text>
      </div>
      {mayRun ? (
        <div ref={runBox}>
          <RunNow form={form} onFinished={onFinished} />
        </div>
      ) : null}
      {selected === undefined ? (
        <GuidedStart mayRun={mayRun} mayImport={can(user, "import")} />
      ) : (
        <>
          <RunHistory
            runs={entries}
            total={runs.data.pages[0]!.total}
            timeZone={timeZone}
            selected={selected.run.id}
            onSelect={setChosen}
            more={{
              has: runs.hasNextPage,
              loading: runs.isFetchingNextPage,
              load: () => runs.fetchNextPage(),
            }}
          />
          <ModelFits entry={selected} />
          {user.allCustomers ? (
            <Backtest runId={selected.run.id} mayRun={mayRun} onRunAsOf={runAsOf} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t("analysis.backtest.limited")}
              data-testid="backtest-limited"
            />
          )}
        </>
      )}
    </Space>
  );
}

/** No run yet: what an analysis gives, and the steps to the first one that the reader may take. */
function GuidedStart({ mayRun, mayImport }: { readonly mayRun: boolean; readonly mayImport: boolean }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="no-runs">
      <Result
        status="info"
        title={t("analysis.empty.title")}
        subTitle={t("analysis.empty.detail")}
        extra={
          <Space orientation="vertical">
            {mayImport ? (
              <Link to="/imports">
                <Button>{t("analysis.empty.importFirst")}</Button>
              </Link>
            ) : null}
            <Typography.Text>
              {t(mayRun ? "analysis.empty.runFirst" : "analysis.empty.askAdmin")}
            </Typography.Text>
          </Space>
        }
      />
    </Card>
  );
}
