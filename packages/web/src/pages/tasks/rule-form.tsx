/**
 * The form of one grade's playbook rule: service level, least priority, contact cadence, owner
 * rule, care and which event tasks are on. What the form does not show (the care budget, a
 * campaign, the company's own service-level wording) is kept as it was.
 */
import {
  Alert,
  type ButtonProps,
  Checkbox,
  Col,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Typography,
} from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { PlaybookRule } from "./tasks.types.ts";

const SERVICE_LEVELS = ["exclusive", "priority", "standard", "basic"] as const;
const PRIORITIES = ["urgent", "high", "normal", "low"] as const;
const CHANNELS = ["visit", "call", "wechat", "email"] as const;
const OWNER_RULES = ["keep", "named_manager", "pool"] as const;
const REVIEW_PERIODS = ["month", "quarter", "half_year", "year"] as const;
export const FESTIVALS = [
  "new_year",
  "spring_festival",
  "lantern",
  "dragon_boat",
  "mid_autumn",
  "national_day",
] as const;
/** Select values that are no code: the rule's own wording kept, no contact, no review. */
const KEPT = "\u0000kept";
const NONE = "\u0000none";

interface RuleValues {
  serviceLevel: string;
  priority: string;
  channel: string;
  everyDays: number;
  ownerRule: string;
  birthday: boolean;
  festivals: string[];
  daysAhead: number;
  winBack: boolean;
  collection: boolean;
  collectionGraceDays: number;
  detractorFollowUp: boolean;
  complaintEscalation: boolean;
  review: string;
}

function valuesOf(rule: PlaybookRule): RuleValues {
  return {
    serviceLevel: typeof rule.serviceLevel === "string" ? rule.serviceLevel : KEPT,
    priority: rule.priority,
    channel: rule.contact?.channel ?? NONE,
    everyDays: rule.contact?.everyDays ?? 30,
    ownerRule: rule.ownerRule,
    birthday: rule.care.birthday,
    festivals: [...rule.care.festivals],
    daysAhead: rule.care.daysAhead,
    winBack: rule.winBack,
    collection: rule.collection,
    collectionGraceDays: rule.collectionGraceDays,
    detractorFollowUp: rule.detractorFollowUp,
    complaintEscalation: rule.complaintEscalation,
    review: rule.keyAccountReview?.every ?? NONE,
  };
}

function ruleOf(rule: PlaybookRule, values: RuleValues): PlaybookRule {
  const { keyAccountReview: _review, ...kept } = rule;
  return {
    ...kept,
    serviceLevel: values.serviceLevel === KEPT ? rule.serviceLevel : values.serviceLevel,
    priority: values.priority,
    contact: values.channel === NONE ? null : { channel: values.channel, everyDays: values.everyDays },
    ownerRule: values.ownerRule,
    care: { birthday: values.birthday, festivals: values.festivals, daysAhead: values.daysAhead },
    winBack: values.winBack,
    collection: values.collection,
    collectionGraceDays: values.collectionGraceDays,
    detractorFollowUp: values.detractorFollowUp,
    complaintEscalation: values.complaintEscalation,
    ...(values.review === NONE ? {} : { keyAccountReview: { every: values.review } }),
  };
}

export function RuleForm({
  open,
  title,
  rule,
  wording,
  saving,
  failure,
  onSave,
  onCancel,
}: {
  open: boolean;
  title: string;
  rule: PlaybookRule | null;
  /** The rule's own service-level wording in the reader's language, when it has one. */
  wording: string | null;
  saving: boolean;
  failure: string | null;
  onSave: (rule: PlaybookRule) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleValues>();
  const channel = Form.useWatch("channel", form);
  const collection = Form.useWatch("collection", form);
  useEffect(() => {
    if (open && rule) form.setFieldsValue(valuesOf(rule));
  }, [open, rule, form]);
  const inside = (node: HTMLElement) => node.parentElement ?? document.body;

  return (
    <Modal
      open={open}
      title={title}
      width={720}
      okText={t("tasks.playbooks.save")}
      cancelText={t("tasks.playbooks.cancel")}
      okButtonProps={{ "data-testid": "rule-save" } as ButtonProps}
      confirmLoading={saving}
      onOk={() =>
        void form
          .validateFields()
          .then((values) => rule && onSave(ruleOf(rule, values)))
          .catch(() => {})
      }
      onCancel={onCancel}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="rule-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="serviceLevel" label={t("tasks.playbooks.form.serviceLevel")}>
              <Select
                getPopupContainer={inside}
                options={[
                  ...SERVICE_LEVELS.map((code) => ({ value: code, label: t(`tasks.serviceLevel.${code}`) })),
                  ...(wording === null
                    ? []
                    : [{ value: KEPT, label: t("tasks.playbooks.form.custom", { text: wording }) }]),
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="priority" label={t("tasks.playbooks.form.priority")}>
              <Select
                getPopupContainer={inside}
                options={PRIORITIES.map((code) => ({ value: code, label: t(`priority.${code}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="channel" label={t("tasks.playbooks.form.channel")}>
              <Select
                data-testid="rule-channel"
                getPopupContainer={inside}
                options={[
                  { value: NONE, label: t("tasks.playbooks.form.noContact") },
                  ...CHANNELS.map((code) => ({ value: code, label: t(`tasks.channel.${code}`) })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="everyDays"
              label={t("tasks.playbooks.form.everyDays")}
              rules={[{ required: channel !== NONE, type: "integer", min: 1, max: 3660 }]}
            >
              <InputNumber
                min={1}
                max={3660}
                precision={0}
                disabled={channel === NONE}
                data-testid="rule-every-days"
                style={{ width: "100%" }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ownerRule" label={t("tasks.playbooks.form.ownerRule")}>
              <Select
                getPopupContainer={inside}
                options={OWNER_RULES.map((code) => ({ value: code, label: t(`tasks.ownerRule.${code}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t("tasks.playbooks.form.care")}</Typography.Title>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="birthday" label={t("tasks.playbooks.form.birthday")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="daysAhead"
              label={t("tasks.playbooks.form.daysAhead")}
              rules={[{ required: true, type: "integer", min: 0, max: 60 }]}
            >
              <InputNumber min={0} max={60} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="festivals" label={t("tasks.playbooks.form.festivals")}>
              <Checkbox.Group
                options={FESTIVALS.map((code) => ({ value: code, label: t(`myDay.care.occasion.${code}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="winBack" label={t("tasks.playbooks.form.winBack")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="collection" label={t("tasks.playbooks.form.collection")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="collectionGraceDays"
              label={t("tasks.playbooks.form.collectionGraceDays")}
              rules={[{ required: true, type: "integer", min: 0, max: 365 }]}
            >
              <InputNumber min={0} max={365} precision={0} disabled={!collection} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="review" label={t("tasks.playbooks.form.keyAccountReview")}>
              <Select
                getPopupContainer={inside}
                options={[
                  { value: NONE, label: t("tasks.playbooks.form.noReview") },
                  ...REVIEW_PERIODS.map((code) => ({ value: code, label: t(`tasks.reviewPeriod.${code}`) })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="detractorFollowUp"
              label={t("tasks.playbooks.form.detractorFollowUp")}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="complaintEscalation"
              label={t("tasks.playbooks.form.complaintEscalation")}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        {rule?.campaign && (
          <Typography.Text type="secondary">
            {t("tasks.playbooks.form.campaign", {
              channel: t(`tasks.channel.${rule.campaign.channel}`),
              every: t(`tasks.reviewPeriod.${rule.campaign.every}`),
            })}
          </Typography.Text>
        )}
      </Form>
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t("tasks.playbooks.saveFailed")}
          description={failure}
          data-testid="rule-failed"
        />
      )}
    </Modal>
  );
}
