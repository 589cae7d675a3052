/**
 * 客户画像 / Customer 360 over GET /api/v1/customers/:code: the profile, the grades as they hold
 * now (why, and pins), the model scores with the spread of the expected purchases, the contacts as
 * a decision chain, the purchase timeline, open tasks and products to offer, and the records.
 * What the reader may change (log an interaction, pin a grade) is what the view's `actions` say:
 * the page offers nothing the server would refuse. A customer outside the reader's scope answers
 * 404 like one that does not exist (DESIGN.md §8), and the page says so.
 */
import { useQuery } from "@tanstack/react-query";
import { Button, Col, Result, Row, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, hasStatus } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import { LoadFailed, PageLoading } from "../../shell/states.tsx";
import { ContactsCard } from "./contacts-card.tsx";
import type { Customer360 } from "./customer-360.types.ts";
import { GradesCard } from "./grades-card.tsx";
import { customerKey } from "./labels.ts";
import { LogInteractionButton } from "./log-interaction.tsx";
import { RecommendationsCard, TasksCard } from "./next-steps.tsx";
import { ProfileCard } from "./profile-card.tsx";
import { PurchaseChart } from "./purchase-chart.tsx";
import { RecordsTabs } from "./records-tabs.tsx";
import { ScoresCard } from "./scores-card.tsx";
import { addCustomer360Texts } from "./texts.ts";

addCustomer360Texts();

export default function Customer360Page() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const language = useLanguageKey();
  const view = useQuery({
    // The server renders scheme texts and reasons in the reader's language: a key per language.
    queryKey: [...customerKey(code), language],
    queryFn: ({ signal }) => api<Customer360>(`/customers/${encodeURIComponent(code)}`, { signal }),
  });

  if (view.isPending) return <PageLoading />;
  if (view.isError) {
    if (hasStatus(view.error, 404))
      return (
        <Result
          status="404"
          title={t("customer360.notFound")}
          subTitle={t("customer360.notFoundDetail", { code })}
          extra={
            <Link to="/customers">
              <Button type="primary">{t("customer360.backToList")}</Button>
            </Link>
          }
          data-testid="customer-not-found"
        />
      );
    return <LoadFailed error={view.error} onRetry={() => view.refetch()} />;
  }
  const data = view.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="customer-360">
      <ProfileCard
        view={data}
        actions={data.actions.logInteraction ? <LogInteractionButton code={code} /> : null}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <GradesCard code={code} view={data} />
        </Col>
        <Col xs={24} xl={12}>
          <ScoresCard view={data} />
        </Col>
        <Col xs={24} xl={12}>
          <PurchaseChart timeline={data.timeline} />
        </Col>
        <Col xs={24} xl={12}>
          <ContactsCard contacts={data.contacts} />
        </Col>
        <Col xs={24} xl={12}>
          <TasksCard tasks={data.tasks} />
        </Col>
        <Col xs={24} xl={12}>
          <RecommendationsCard products={data.recommendations} />
        </Col>
      </Row>
      <RecordsTabs view={data} />
    </Space>
  );
}
