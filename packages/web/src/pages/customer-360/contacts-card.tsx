/**
 * 联系人与决策链: the customer's contacts in the order a sale goes through them (the decision maker
 * first, then those who sway, judge and champion it, then purchasing and the users), each with
 * their influence (1–5) and attitude. Phones and emails as the server sends them (masked per the
 * reader's detail rights).
 */
import { Card, Rate, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { NoData } from "../../shell/states.tsx";
import type { Contact } from "./customer-360.types.ts";
import { codeLabel } from "./labels.ts";

/** The decision chain from the top; roles it does not know, and none, come last. */
const CHAIN = ["decision_maker", "influencer", "evaluator", "champion", "purchaser", "user"];
const ROLE_COLORS: Record<string, string> = {
  decision_maker: "volcano",
  influencer: "gold",
  evaluator: "geekblue",
  champion: "green",
  purchaser: "cyan",
  user: "default",
};
const ATTITUDE_COLORS: Record<string, string> = { supportive: "green", neutral: "default", opposed: "red" };

function chainOrder(contacts: readonly Contact[]): Contact[] {
  const rank = (role: string | null) => {
    const k = role === null ? -1 : CHAIN.indexOf(role);
    return k === -1 ? CHAIN.length : k;
  };
  return [...contacts].sort(
    (a, b) => rank(a.role) - rank(b.role) || (b.influence ?? 0) - (a.influence ?? 0) || a.id - b.id,
  );
}

export function ContactsCard({ contacts }: { contacts: readonly Contact[] }) {
  const { t } = useTranslation();
  return (
    <Card
      title={t("customer360.contacts.title")}
      size="small"
      data-testid="customer-contacts"
      style={{ height: "100%" }}
    >
      <Table<Contact>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={chainOrder(contacts)}
        locale={{ emptyText: <NoData text={t("customer360.contacts.none")} /> }}
        scroll={{ x: "max-content" }}
        columns={[
          {
            title: t("customer360.contacts.role"),
            dataIndex: "role",
            render: (role: string | null) =>
              role ? (
                <Tag color={ROLE_COLORS[role] ?? "default"}>{codeLabel(t, "contactRole", role)}</Tag>
              ) : (
                t("customer360.contacts.noRole")
              ),
          },
          {
            title: t("customer360.contacts.name"),
            dataIndex: "name",
            render: (name: string, contact) => (
              <span className="user-data">
                {name}
                {contact.title && (
                  <>
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {contact.title}
                    </Typography.Text>
                  </>
                )}
              </span>
            ),
          },
          {
            title: t("customer360.contacts.influence"),
            dataIndex: "influence",
            render: (influence: number | null) =>
              influence === null ? (
                t("common.none")
              ) : (
                <Rate disabled count={5} value={influence} style={{ fontSize: 12 }} />
              ),
          },
          {
            title: t("customer360.contacts.attitude"),
            dataIndex: "attitude",
            render: (attitude: string | null) =>
              attitude ? (
                <Tag color={ATTITUDE_COLORS[attitude] ?? "default"}>{codeLabel(t, "attitude", attitude)}</Tag>
              ) : (
                t("common.none")
              ),
          },
          {
            title: t("customer360.contacts.reach"),
            key: "reach",
            render: (_, contact) => (
              <span style={{ fontSize: 12 }}>
                <span data-testid="contact-phone">{contact.phone ?? t("common.none")}</span>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {contact.email ?? t("common.none")}
                </Typography.Text>
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
