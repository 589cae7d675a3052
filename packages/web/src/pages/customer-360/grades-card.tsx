/**
 * 当前等级: each scheme's grade as it holds now, with its score and as-of date; a pin on it (in
 * force: the grade shown, with the graded one beside it; expired: said so), why the customer has
 * the grade (the explanation drawer), and for readers who may pin (the view's actions) pinning,
 * changing and removing the pin.
 */
import { PushpinOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, type ButtonProps, Card, List, Popconfirm, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client.ts";
import { day, decimal } from "../../format/format.ts";
import { NoData } from "../../shell/states.tsx";
import { GradeTag } from "../segment-tags.tsx";
import type { Customer360, CustomerGrade } from "./customer-360.types.ts";
import { GradeExplanationDrawer } from "./grade-explanation.tsx";
import { byScheme, currentGrade, customerKey, explanationKey } from "./labels.ts";
import { PinGradeModal } from "./pin-grade.tsx";

export function GradesCard({ code, view }: { code: string; view: Customer360 }) {
  const { t } = useTranslation();
  const [explained, setExplained] = useState<CustomerGrade | null>(null);
  const [pinning, setPinning] = useState<CustomerGrade | null>(null);
  return (
    <Card
      title={t("customer360.grades.title")}
      size="small"
      data-testid="customer-grades"
      style={{ height: "100%" }}
    >
      {view.grades.length === 0 ? (
        <NoData text={t("customer360.grades.none")} />
      ) : (
        <List
          size="small"
          dataSource={byScheme(view.grades)}
          renderItem={(grade) => (
            <GradeItem
              code={code}
              grade={grade}
              mayPin={view.actions.pinGrade}
              onExplain={() => setExplained(grade)}
              onPin={() => setPinning(grade)}
            />
          )}
        />
      )}
      <GradeExplanationDrawer code={code} grade={explained} onClose={() => setExplained(null)} />
      {view.actions.pinGrade && (
        <PinGradeModal code={code} grade={pinning} onClose={() => setPinning(null)} />
      )}
    </Card>
  );
}

function GradeItem({
  code,
  grade,
  mayPin,
  onExplain,
  onPin,
}: {
  code: string;
  grade: CustomerGrade;
  mayPin: boolean;
  onExplain: () => void;
  onPin: () => void;
}) {
  const { t } = useTranslation();
  const now = currentGrade(grade);
  const pin = grade.currentPin;
  return (
    <List.Item data-testid={`grade-row-${grade.scheme}`} style={{ alignItems: "flex-start", gap: 12 }}>
      <Space orientation="vertical" size={2} style={{ flex: 1, minWidth: 0 }}>
        <Space wrap size={8}>
          <span data-testid={`grade-shown-${grade.scheme}`} data-grade={now.grade}>
            <GradeTag grade={now.grade} label={now.label} />
          </span>
          {now.pinned && (
            <Typography.Text type="warning">
              <PushpinOutlined /> {t("customer360.grades.pinnedTag")}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">{grade.schemeTitle}</Typography.Text>
        </Space>
        {pin && (
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12 }}
            data-testid={`grade-pin-${grade.scheme}`}
          >
            {pin.inForce
              ? pin.until
                ? t("customer360.grades.pinnedUntil", { until: day(pin.until) })
                : t("customer360.grades.pinnedOpen")
              : t("customer360.grades.pinExpired", { until: day(pin.until) })}
            {" · "}
            <span className="user-data">
              {t("customer360.grades.pinReason", { reason: pin.reason, author: pin.author })}
            </span>
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {now.pinned && <>{t("customer360.grades.gradedAs", { label: grade.gradeLabel })} · </>}
          {grade.score !== null && (
            <span data-testid={`grade-score-${grade.scheme}`}>
              {t("customer360.grades.score", { score: decimal(grade.score, 2) })}
              {" · "}
            </span>
          )}
          {t("customer360.grades.asOf", { asOf: day(grade.asOf) })}
        </Typography.Text>
      </Space>
      <Space size={0} style={{ flex: "none" }}>
        <Button type="link" size="small" onClick={onExplain} data-testid={`why-${grade.scheme}`}>
          {t("customer360.grades.why")}
        </Button>
        {mayPin && (
          <Button type="link" size="small" onClick={onPin} data-testid={`pin-${grade.scheme}`}>
            {pin ? t("customer360.grades.changePin") : t("customer360.grades.pin")}
          </Button>
        )}
        {mayPin && pin && <UnpinButton code={code} grade={grade} />}
      </Space>
    </List.Item>
  );
}

function UnpinButton({ code, grade }: { code: string; grade: CustomerGrade }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const unpin = useMutation({
    mutationFn: () =>
      api(`/grades/customers/${encodeURIComponent(code)}/pin`, {
        method: "DELETE",
        query: { scheme: grade.scheme },
      }),
    onSuccess: async () => {
      message.success(t("customer360.grades.unpinned"));
      await client.invalidateQueries({ queryKey: customerKey(code) });
      await client.invalidateQueries({ queryKey: explanationKey(code, grade.scheme) });
    },
    onError: (error) => message.error(t("customer360.grades.unpinFailed", { detail: error.message })),
  });
  return (
    <Popconfirm
      title={t("customer360.grades.unpinConfirm", { scheme: grade.schemeTitle })}
      okText={t("customer360.grades.unpin")}
      cancelText={t("customer360.pinForm.cancel")}
      okButtonProps={{ "data-testid": `unpin-ok-${grade.scheme}` } as ButtonProps}
      onConfirm={() => unpin.mutateAsync().catch(() => {})}
    >
      <Button type="link" size="small" danger loading={unpin.isPending} data-testid={`unpin-${grade.scheme}`}>
        {t("customer360.grades.unpin")}
      </Button>
    </Popconfirm>
  );
}
