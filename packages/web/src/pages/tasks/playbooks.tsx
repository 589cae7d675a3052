/**
 * 分级策略: what each playbook does per grade (service level, cadence, owner rule, the tasks it
 * turns on), editable by readers who may edit schemes. An edit is stored as the playbook's next
 * version (POST /playbooks; task generation takes the latest); the history lists every version,
 * shows an earlier one read-only and puts it back in use (stored again as the next version).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Popconfirm, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiError, api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey, useSchemeGrades, useSchemeTitles } from "../../api/queries.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { GradeTag } from "../segment-tags.tsx";
import { RuleForm } from "./rule-form.tsx";
import type {
  Playbook,
  PlaybookRule,
  PlaybookWithVersions,
  SavedVersion,
  StoredPlaybook,
  Wording,
} from "./tasks.types.ts";

/** The row of a playbook's `default` rule (no grade code can be empty). */
const DEFAULT_ROW = "";
const EVENT_KINDS = ["win_back", "collection", "detractor_follow_up", "complaint_escalation"] as const;

export function Playbooks() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const [params, setParams] = useSearchParams();
  const list = useQuery({
    queryKey: ["playbooks"],
    queryFn: ({ signal }) => api<StoredPlaybook[]>("/playbooks", { signal }),
  });
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <LoadFailed error={list.error} onRetry={() => list.refetch()} />;
  if (list.data.length === 0) return <NoData text={t("tasks.playbooks.empty")} />;
  const name = list.data.some((stored) => stored.name === params.get("playbook"))
    ? params.get("playbook")!
    : list.data[0]!.name;
  const pick = (value: string) => {
    const next = new URLSearchParams(params);
    next.set("playbook", value);
    setParams(next, { replace: true });
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="playbooks">
      <Space wrap>
        <Typography.Text>{t("tasks.playbooks.pick")}</Typography.Text>
        <Select
          data-testid="playbook-select"
          style={{ minWidth: 220 }}
          value={name}
          onChange={pick}
          options={list.data.map((stored) => ({
            value: stored.name,
            label: wordingIn(stored.definition.title, language) ?? stored.name,
          }))}
        />
      </Space>
      <PlaybookView key={name} name={name} />
    </Space>
  );
}

function wordingIn(wording: Wording | undefined, language: string): string | null {
  return wording ? (wording[language] ?? wording["zh-CN"] ?? null) : null;
}

function PlaybookView({ name }: { name: string }) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const { message } = App.useApp();
  const client = useQueryClient();
  const user = useCurrentUser();
  const mayEdit = can(user, "editSchemes");
  /** The earlier version shown read-only; null: the version in use. */
  const [viewing, setViewing] = useState<number | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const current = useQuery({
    queryKey: ["playbook", name],
    queryFn: ({ signal }) => api<PlaybookWithVersions>(`/playbooks/${encodeURIComponent(name)}`, { signal }),
  });
  const earlier = useQuery({
    queryKey: ["playbook", name, viewing],
    queryFn: ({ signal }) =>
      api<PlaybookWithVersions>(`/playbooks/${encodeURIComponent(name)}`, {
        query: { version: viewing ?? undefined },
        signal,
      }),
    enabled: viewing !== null,
  });
  const reread = () =>
    Promise.all(
      [["playbook", name], ["playbooks"]].map((queryKey) => client.invalidateQueries({ queryKey })),
    );
  const save = useMutation({
    mutationFn: (document: Playbook) =>
      api<SavedVersion>("/playbooks", { method: "POST", body: { document } }),
    onSuccess: (saved) => {
      setEditing(null);
      setFailure(null);
      if (saved.added) message.success(t("tasks.playbooks.saved", { version: saved.version }));
      else message.info(t("tasks.playbooks.unchanged"));
    },
    onError: (error) => setFailure(error instanceof ApiError ? error.message : String(error)),
    onSettled: reread,
  });
  const activate = useMutation({
    mutationFn: (version: number) =>
      api<SavedVersion>(`/playbooks/${encodeURIComponent(name)}/activate`, {
        method: "POST",
        body: { version },
      }),
    onSuccess: (saved, version) => {
      setViewing(null);
      message.success(t("tasks.playbooks.activated", { version, newVersion: saved.version }));
    },
    onError: (error) => message.error(error instanceof ApiError ? error.message : String(error)),
    onSettled: reread,
  });

  const labels = useRuleLabels(current.data?.definition);

  if (current.isPending) return <PageLoading />;
  if (current.isError) return <LoadFailed error={current.error} onRetry={() => current.refetch()} />;
  const inUse = current.data;
  const shown = viewing === null ? inUse : earlier.data;
  const rule = (code: string): PlaybookRule | undefined =>
    code === DEFAULT_ROW ? inUse.definition.default : inUse.definition.rules[code];
  const saveRule = (code: string, changed: PlaybookRule) => {
    const definition = inUse.definition;
    save.mutate(
      code === DEFAULT_ROW
        ? { ...definition, default: changed }
        : { ...definition, rules: { ...definition.rules, [code]: changed } },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={17}>
        <Card
          size="small"
          title={
            <Space wrap>
              <span>{t("tasks.playbooks.rules")}</span>
              <Tag color={viewing === null ? "green" : "default"} data-testid="playbook-version">
                {t("tasks.playbooks.version", { version: shown?.version ?? viewing })}
              </Tag>
              {shown && <BasisText playbook={shown.definition} />}
            </Space>
          }
        >
          {!mayEdit && (
            <Alert type="info" showIcon title={t("tasks.playbooks.readOnly")} style={{ marginBottom: 12 }} />
          )}
          {viewing !== null && (
            <Alert
              type="warning"
              showIcon
              title={t("tasks.playbooks.viewing", { version: viewing })}
              action={
                <Button size="small" onClick={() => setViewing(null)}>
                  {t("tasks.playbooks.backToCurrent")}
                </Button>
              }
              style={{ marginBottom: 12 }}
              data-testid="viewing-earlier"
            />
          )}
          {viewing !== null && earlier.isError ? (
            <LoadFailed error={earlier.error} onRetry={() => earlier.refetch()} />
          ) : !shown ? (
            <PageLoading />
          ) : (
            <RulesTable
              playbook={shown.definition}
              onEdit={mayEdit && viewing === null ? setEditing : null}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xxl={7}>
        <Card size="small" title={t("tasks.playbooks.history")}>
          <Table
            size="small"
            rowKey="version"
            data-testid="history-table"
            pagination={inUse.versions.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            dataSource={[...inUse.versions].sort((a, b) => b.version - a.version)}
            columns={[
              {
                key: "version",
                title: t("tasks.playbooks.historyVersion"),
                render: (_, version) => (
                  <Space size={4}>
                    <span>{version.version}</span>
                    {version.version === inUse.version && (
                      <Tag color="green">{t("tasks.playbooks.inUse")}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                key: "createdAt",
                title: t("tasks.playbooks.createdAt"),
                render: (_, version) => (
                  <Space orientation="vertical" size={0}>
                    <span style={{ whiteSpace: "nowrap" }}>{dateTime(version.createdAt, timeZone)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`tasks.playbooks.sources.${version.source}`, { defaultValue: version.source })}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: "actions",
                render: (_, version) =>
                  version.version === inUse.version ? null : (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setViewing(version.version)}>
                        {t("tasks.playbooks.view")}
                      </Button>
                      {mayEdit && (
                        <Popconfirm
                          title={t("tasks.playbooks.activateConfirm", { version: version.version })}
                          okText={t("tasks.playbooks.activate")}
                          cancelText={t("tasks.playbooks.cancel")}
                          onConfirm={() => activate.mutate(version.version)}
                        >
                          <Button
                            type="link"
                            size="small"
                            loading={activate.isPending && activate.variables === version.version}
                          >
                            {t("tasks.playbooks.activate")}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <RuleForm
        open={editing !== null}
        title={t("tasks.playbooks.editTitle", { grade: editing === null ? "" : labels.label(editing) })}
        rule={editing === null ? null : (rule(editing) ?? null)}
        wording={editing === null ? null : ownWording(rule(editing))}
        saving={save.isPending}
        failure={failure}
        onSave={(changed) => editing !== null && saveRule(editing, changed)}
        onCancel={() => {
          setEditing(null);
          setFailure(null);
        }}
      />
    </Row>
  );

  function ownWording(edited: PlaybookRule | undefined): string | null {
    return edited && typeof edited.serviceLevel !== "string"
      ? wordingIn(edited.serviceLevel, language)
      : null;
  }
}

function BasisText({ playbook }: { playbook: Playbook }) {
  const { t } = useTranslation();
  const titles = useSchemeTitles();
  const basis = playbook.basis;
  const text =
    basis.kind === "grade"
      ? t("tasks.playbooks.basisGrade", { scheme: titles.get(basis.scheme) ?? basis.scheme })
      : basis.kind === "rfm_segment"
        ? t("tasks.playbooks.basisRfm")
        : t("tasks.playbooks.basisLifecycle");
  return (
    <Typography.Text type="secondary" style={{ fontWeight: "normal", fontSize: 12 }}>
      {t("tasks.playbooks.basis")}: {text}
    </Typography.Text>
  );
}

/**
 * A rule's code as people read it: the grade's label in the reader's language (the scheme's own),
 * the RFM segment's or lifecycle stage's name, or "other grades" for the default rule; with the
 * scheme's grade order, for sorting.
 */
function useRuleLabels(playbook: Playbook | undefined) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const basis = playbook?.basis;
  const grades = useSchemeGrades(basis?.kind === "grade" ? basis.scheme : "value");
  const gradeLabels = new Map(
    basis?.kind === "grade"
      ? (grades.data ?? []).map((grade) => [
          grade.code,
          grade.label[language] ?? grade.label["zh-CN"] ?? grade.code,
        ])
      : [],
  );
  const label = (code: string) => {
    if (code === DEFAULT_ROW) return t("tasks.playbooks.default");
    if (basis?.kind === "rfm_segment") return t(`segments.rfm.${code}`, { defaultValue: code });
    if (basis?.kind === "lifecycle_stage") return t(`segments.lifecycle.${code}`, { defaultValue: code });
    return gradeLabels.get(code) ?? code;
  };
  return { label, order: basis?.kind === "grade" ? (grades.data ?? []).map((grade) => grade.code) : [] };
}

/** One row per grade (in the scheme's order), then the default rule. */
function RulesTable({ playbook, onEdit }: { playbook: Playbook; onEdit: ((code: string) => void) | null }) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const { label, order } = useRuleLabels(playbook);
  const codes = Object.keys(playbook.rules).sort(
    (a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b),
  );
  const rows = [
    ...codes.map((code) => ({ code, rule: playbook.rules[code]! })),
    ...(playbook.default ? [{ code: DEFAULT_ROW, rule: playbook.default }] : []),
  ];
  return (
    <Table
      size="small"
      rowKey="code"
      data-testid="rules-table"
      pagination={false}
      dataSource={rows}
      columns={[
        {
          key: "grade",
          title: t("tasks.playbooks.grade"),
          render: (_, { code }) =>
            playbook.basis.kind === "grade" && code !== DEFAULT_ROW ? (
              <GradeTag grade={code} label={label(code)} />
            ) : (
              label(code)
            ),
        },
        {
          key: "serviceLevel",
          onCell: nowrap,
          onHeaderCell: nowrap,
          title: t("tasks.playbooks.serviceLevel"),
          render: (_, { rule }) =>
            typeof rule.serviceLevel === "string"
              ? t(`tasks.serviceLevel.${rule.serviceLevel}`, { defaultValue: rule.serviceLevel })
              : wordingIn(rule.serviceLevel, language),
        },
        {
          key: "priority",
          onCell: nowrap,
          onHeaderCell: nowrap,
          title: t("tasks.playbooks.priority"),
          render: (_, { rule }) => t(`priority.${rule.priority}`, { defaultValue: rule.priority }),
        },
        {
          key: "cadence",
          title: t("tasks.playbooks.cadence"),
          onCell: nowrap,
          onHeaderCell: nowrap,
          render: (_, { rule }) =>
            rule.contact ? (
              <span data-testid="rule-cadence">
                {t("tasks.playbooks.every", {
                  channel: t(`tasks.channel.${rule.contact.channel}`, { defaultValue: rule.contact.channel }),
                  days: rule.contact.everyDays,
                })}
              </span>
            ) : (
              <Typography.Text type="secondary" data-testid="rule-cadence">
                {t("tasks.playbooks.noCadence")}
              </Typography.Text>
            ),
        },
        {
          key: "ownerRule",
          onCell: nowrap,
          onHeaderCell: nowrap,
          title: t("tasks.playbooks.ownerRule"),
          render: (_, { rule }) => t(`tasks.ownerRule.${rule.ownerRule}`, { defaultValue: rule.ownerRule }),
        },
        {
          key: "kinds",
          title: t("tasks.playbooks.kinds"),
          render: (_, { rule }) => <RuleKinds rule={rule} />,
        },
        ...(onEdit
          ? [
              {
                key: "edit",
                render: (_: unknown, { code }: { code: string }) => (
                  <Button type="link" size="small" data-testid="rule-edit" onClick={() => onEdit(code)}>
                    {t("tasks.playbooks.edit")}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** Short cells on one line: the tags column takes what is left. */
const nowrap = () => ({ style: { whiteSpace: "nowrap" as const } });

function rank(order: readonly string[], code: string): number {
  const at = order.indexOf(code);
  return at === -1 ? order.length : at;
}

/** The tasks a rule turns on, as tags; care with its occasions. */
function RuleKinds({ rule }: { rule: PlaybookRule }) {
  const { t } = useTranslation();
  const on = {
    care: rule.care.birthday || rule.care.festivals.length > 0,
    cadence: rule.contact !== null,
    win_back: rule.winBack,
    collection: rule.collection,
    detractor_follow_up: rule.detractorFollowUp,
    complaint_escalation: rule.complaintEscalation,
    key_account_review: rule.keyAccountReview !== undefined,
  };
  const kinds = (["care", "cadence", ...EVENT_KINDS, "key_account_review"] as const).filter(
    (kind) => on[kind],
  );
  return (
    <Space size={[4, 4]} wrap data-testid="rule-kinds">
      {kinds.length === 0 && (
        <Typography.Text type="secondary">{t("tasks.playbooks.noKinds")}</Typography.Text>
      )}
      {kinds.map((kind) => (
        <Tag
          key={kind}
          variant="filled"
          style={{ marginInlineEnd: 0 }}
          title={
            kind === "care"
              ? t("tasks.playbooks.careDetail", {
                  birthday: rule.care.birthday ? t("common.yes") : t("common.no"),
                  festivals: rule.care.festivals.length,
                  days: rule.care.daysAhead,
                })
              : undefined
          }
        >
          {t(`tasks.ruleKind.${kind}`)}
        </Tag>
      ))}
      {rule.campaign && (
        <Tag variant="filled" color="purple" style={{ marginInlineEnd: 0 }}>
          {t("taskKind.campaign")}
        </Tag>
      )}
    </Space>
  );
}
