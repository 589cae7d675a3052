/**
 * The customer's head: name and code, the grades as they hold now (a pin in force marked), the
 * owner, and the profile's fields. Personal fields (phone, email) are shown as the server sends
 * them: it masks or leaves them out per the reader's detail rights (DESIGN.md §8), the page never.
 * Customer data (names, addresses, tags) carries the class `user-data`: the English page test
 * leaves it out of its scan for Chinese.
 */
import { PushpinOutlined } from "@ant-design/icons";
import { Card, Descriptions, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { day } from "../../format/format.ts";
import { GradeTag } from "../segment-tags.tsx";
import type { Customer360 } from "./customer-360.types.ts";
import { byScheme, codeLabel, currentGrade } from "./labels.ts";

export function ProfileCard({ view, actions }: { view: Customer360; actions: ReactNode }) {
  const { t } = useTranslation();
  const { customer } = view;
  const none = t("common.none");
  const tags = Array.isArray(customer.tags) ? (customer.tags as string[]) : [];
  // 天津 天津 reads as a mistake: a city that is its own province is named once.
  const region = [...new Set([customer.province, customer.city].filter(Boolean))].join(" ");
  const data = (value: ReactNode, testId?: string) => (
    <span className="user-data" data-testid={testId}>
      {value ?? none}
    </span>
  );
  return (
    <Card data-testid="customer-profile">
      <div style={{ display: "flex", alignItems: "flex-start", gap: 16 }}>
        <Space align="center" wrap style={{ flex: 1, minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} className="user-data" data-testid="customer-name">
            {customer.name ?? customer.code}
          </Typography.Title>
          <Typography.Text type="secondary">{customer.code}</Typography.Text>
          {byScheme(view.grades).map((grade) => {
            const now = currentGrade(grade);
            return (
              <Space key={grade.scheme} size={2} data-testid={`header-grade-${grade.scheme}`}>
                <GradeTag grade={now.grade} label={`${grade.schemeTitle} · ${now.label}`} />
                {now.pinned && <PushpinOutlined title={t("customer360.grades.pinnedTag")} />}
              </Space>
            );
          })}
        </Space>
        <div style={{ flex: "none" }}>{actions}</div>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginTop: 16 }}
        title={t("customer360.profile")}
      >
        <Descriptions.Item label={t("customer360.fields.type")}>
          {codeLabel(t, "customerType", customer.type)}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.industry")}>
          {data(customer.industry)}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.region")}>{data(region || null)}</Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.phone")}>
          <span data-testid="customer-phone">{customer.phone ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.email")}>
          <span data-testid="customer-email">{customer.email ?? none}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.owner")}>{data(customer.owner)}</Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.registeredOn")}>
          {day(customer.registered_on)}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.birthday")}>
          {day(customer.birthday)}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.tags")}>
          {tags.length > 0 ? data(tags.map((tag) => <Tag key={tag}>{tag}</Tag>)) : none}
        </Descriptions.Item>
        <Descriptions.Item label={t("customer360.fields.address")} span={{ xs: 1, md: 2, xl: 3 }}>
          {data(customer.address)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
