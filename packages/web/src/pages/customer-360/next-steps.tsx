/**
 * What to do with the customer next: the open tasks (most urgent first, each with its reason) and
 * the products to offer (best first, each with why). The reasons come as words from the server,
 * in the reader's language; a product's reason names products, so it counts as customer data.
 */
import { Card, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCompanySettings } from "../../api/queries.ts";
import { day, decimal, today } from "../../format/format.ts";
import { NoData } from "../../shell/states.tsx";
import type { Customer360 } from "./customer-360.types.ts";
import { codeLabel } from "./labels.ts";

const PRIORITY_COLORS: Record<string, string> = { urgent: "red", high: "orange" };

export function TasksCard({ tasks }: { tasks: Customer360["tasks"] }) {
  const { t } = useTranslation();
  const todayThere = today(useCompanySettings().data?.settings.timeZone);
  return (
    <Card
      title={t("customer360.tasks.title")}
      size="small"
      data-testid="customer-tasks"
      style={{ height: "100%" }}
    >
      {tasks.length === 0 ? (
        <NoData text={t("customer360.tasks.none")} />
      ) : (
        <List
          size="small"
          dataSource={[...tasks]}
          renderItem={(task) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Space wrap>
                  <Tag color={PRIORITY_COLORS[task.priority] ?? "default"}>
                    {codeLabel(t, "priority", task.priority)}
                  </Tag>
                  <span>{codeLabel(t, "taskKind", task.kind)}</span>
                  <Typography.Text type={day(task.dueOn) < todayThere ? "danger" : undefined}>
                    {t("customer360.tasks.due", { date: day(task.dueOn) })}
                  </Typography.Text>
                  <Typography.Text type="secondary" className="user-data">
                    {task.owner ?? t("common.none")}
                  </Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {task.reasonText}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function RecommendationsCard({ products }: { products: Customer360["recommendations"] }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t("customer360.recommendations.title")}
      size="small"
      data-testid="customer-recommendations"
      style={{ height: "100%" }}
    >
      {products.length === 0 ? (
        <NoData text={t("customer360.recommendations.none")} />
      ) : (
        <List
          size="small"
          dataSource={[...products]}
          renderItem={(product) => (
            <List.Item extra={t("customer360.recommendations.score", { score: decimal(product.score, 3) })}>
              <Space orientation="vertical" size={0} className="user-data">
                <Space wrap>
                  <span>{product.name}</span>
                  <Typography.Text type="secondary">
                    {product.sku}
                    {product.category ? ` · ${product.category}` : ""}
                  </Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {product.reasonText}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
