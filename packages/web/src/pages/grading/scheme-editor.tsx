/**
 * The editor of a scheme's definition: its grades (read only), the score dimensions (weight,
 * rank or min–max with its bounds, direction, missing-value score), the grade assignment (a
 * target share or a minimum score per grade) and the override rules (the grade a rule sets or
 * caps at, the numbers a condition compares with). What it does not edit (bands, value maps,
 * value lists, reasons, texts) it shows as read-only text. The server's problems with the draft
 * are shown beside their fields and, all of them, as a list on top. A reader who may not edit
 * sees the same as text.
 */
import { Alert, Card, Checkbox, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { decimal, percent } from "../../format/format.ts";
import { GradeTag } from "../segment-tags.tsx";
import {
  COMPARISONS,
  gradeEffect,
  withAssignment,
  withBound,
  withDimension,
  withMethod,
  withMissing,
  withRule,
} from "./draft.ts";
import type { Dimension, GradingScheme, OverrideRule, SchemeIssue } from "./grading.types.ts";
import { codeLabel, fieldLabel, gradeLabel, messageIn } from "./labels.ts";

interface EditorProps {
  scheme: GradingScheme;
  onChange: (next: GradingScheme) => void;
  editable: boolean;
  issues: readonly SchemeIssue[];
}

const OPERATORS: Record<(typeof COMPARISONS)[number], string> = {
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  eq: "=",
};

export function SchemeEditor(props: EditorProps) {
  const { t } = useTranslation();
  const { issues } = props;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="scheme-editor">
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="scheme-issues"
          title={t("grading.issues", { count: issues.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {issues.map((issue) => (
                <li key={`${issue.path}:${issue.problem}`}>
                  <Typography.Text code>{issue.path || "—"}</Typography.Text> {issue.problem}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <GradesCard scheme={props.scheme} />
      <DimensionsCard {...props} />
      <AssignmentCard {...props} />
      <OverridesCard {...props} />
    </Space>
  );
}

/** The problems at `path` or inside it, in red under the field. */
function FieldIssues({ issues, path }: { issues: readonly SchemeIssue[]; path: string }) {
  const here = issuesAt(issues, path);
  if (here.length === 0) return null;
  return (
    <div data-testid={`issue-${path}`}>
      {here.map((issue) => (
        <Typography.Text
          key={issue.path + issue.problem}
          type="danger"
          style={{ display: "block", fontSize: 12 }}
        >
          {issue.problem}
        </Typography.Text>
      ))}
    </div>
  );
}

function issuesAt(issues: readonly SchemeIssue[], path: string): SchemeIssue[] {
  return issues.filter(
    (issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`),
  );
}

const status = (issues: readonly SchemeIssue[], path: string) =>
  issuesAt(issues, path).length > 0 ? ("error" as const) : undefined;

function GradesCard({ scheme }: { scheme: GradingScheme }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={t("grading.grades.title")} data-testid="scheme-grades">
      <Space wrap>
        {scheme.grades.map((grade) => (
          <GradeTag
            key={grade.code}
            grade={grade.code}
            label={messageIn(grade.label, i18n.language) || grade.code}
          />
        ))}
      </Space>
    </Card>
  );
}

function DimensionsCard({ scheme, onChange, editable, issues }: EditorProps) {
  const { t } = useTranslation();
  const total = scheme.dimensions.reduce((sum, d) => sum + (Number.isFinite(d.weight) ? d.weight : 0), 0);
  const at = (k: number, rest: string) => `dimensions[${k}].${rest}`;
  return (
    <Card size="small" title={t("grading.dimensions.title")}>
      <Table<Dimension & { k: number }>
        size="small"
        pagination={false}
        rowKey="k"
        scroll={{ x: "max-content" }}
        dataSource={scheme.dimensions.map((d, k) => ({ ...d, k }))}
        data-testid="dimensions"
        columns={[
          {
            title: t("grading.dimensions.field"),
            key: "field",
            render: (_, d) => (
              <>
                <div>{fieldLabel(t, d.field)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.field}
                </Typography.Text>
                <FieldIssues issues={issues} path={at(d.k, "field")} />
              </>
            ),
          },
          {
            title: t("grading.dimensions.weight"),
            key: "weight",
            render: (_, d) => (
              <>
                {editable ? (
                  <InputNumber
                    size="small"
                    min={0}
                    step={0.05}
                    value={d.weight}
                    status={status(issues, at(d.k, "weight"))}
                    style={{ width: 88 }}
                    aria-label={`${t("grading.dimensions.weight")} ${fieldLabel(t, d.field)}`}
                    data-testid={`weight-${d.k}`}
                    onChange={(value) =>
                      onChange(
                        withDimension(scheme, d.k, (next) => {
                          // An emptied box is no weight: the server names the problem.
                          next.weight = value ?? 0;
                        }),
                      )
                    }
                  />
                ) : (
                  <span data-testid={`weight-${d.k}`}>{decimal(d.weight, 4)}</span>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("grading.dimensions.weightShare", {
                      share: percent(total > 0 ? d.weight / total : 0),
                    })}
                  </Typography.Text>
                </div>
                <FieldIssues issues={issues} path={at(d.k, "weight")} />
              </>
            ),
          },
          {
            title: t("grading.dimensions.normalize"),
            key: "normalize",
            render: (_, d) => (
              <>
                <Normalize
                  scheme={scheme}
                  dimension={d}
                  k={d.k}
                  onChange={onChange}
                  editable={editable}
                  issues={issues}
                />
                <FieldIssues issues={issues} path={at(d.k, "normalize")} />
                <FieldIssues issues={issues} path={at(d.k, "direction")} />
              </>
            ),
          },
          {
            title: t("grading.dimensions.missing"),
            key: "missing",
            render: (_, d) => (
              <>
                {editable ? (
                  <Space orientation="vertical" size={2}>
                    <InputNumber
                      size="small"
                      min={0}
                      max={100}
                      placeholder="0"
                      disabled={d.missing === "skip"}
                      value={typeof d.missing === "number" ? d.missing : null}
                      status={status(issues, at(d.k, "missing"))}
                      style={{ width: 72 }}
                      data-testid={`missing-${d.k}`}
                      onChange={(value) => onChange(withMissing(scheme, d.k, value))}
                    />
                    <Checkbox
                      checked={d.missing === "skip"}
                      onChange={(event) =>
                        onChange(withMissing(scheme, d.k, event.target.checked ? "skip" : null))
                      }
                    >
                      {t("grading.missing.skip")}
                    </Checkbox>
                  </Space>
                ) : d.missing === "skip" ? (
                  t("grading.missing.skip")
                ) : (
                  t("grading.missing.score", { score: d.missing ?? 0 })
                )}
                <FieldIssues issues={issues} path={at(d.k, "missing")} />
              </>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8 }} data-testid="weight-total">
        {t("grading.dimensions.total", { total: decimal(total, 4) })}
      </Typography.Text>
    </Card>
  );
}

/**
 * Rank or min–max (with its bounds) and the direction to choose; bands and value maps spelled out,
 * read only (their scores say which way is better).
 */
function Normalize({
  scheme,
  dimension,
  k,
  onChange,
  editable,
  issues,
}: EditorProps & { dimension: Dimension; k: number }) {
  const { t } = useTranslation();
  const { normalize } = dimension;
  if (normalize.method === "bands")
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text>{t("grading.normalize.bands")}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {normalize.bands
            .map((band) => t("grading.normalize.band", { min: band.min, score: band.score }))
            .join(t("grading.normalize.separator"))}
        </Typography.Text>
      </Space>
    );
  if (normalize.method === "map")
    return (
      <Space orientation="vertical" size={0}>
        <Typography.Text>{t("grading.normalize.map")}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[
            ...Object.entries(normalize.scores).map(([value, score]) =>
              t("grading.normalize.mapped", { value: codeLabel(t, dimension.field, value), score }),
            ),
            ...(normalize.other === undefined
              ? []
              : [t("grading.normalize.other", { score: normalize.other })]),
          ].join(t("grading.normalize.separator"))}
        </Typography.Text>
      </Space>
    );
  const bound = (name: "min" | "max") => {
    const value = normalize.method === "minmax" ? normalize[name] : undefined;
    return editable ? (
      <InputNumber
        size="small"
        value={value ?? null}
        placeholder={t("grading.normalize.auto")}
        status={status(issues, `dimensions[${k}].normalize.${name}`)}
        style={{ width: 96 }}
        prefix={t(`grading.normalize.${name}`)}
        data-testid={`${name}-${k}`}
        onChange={(next) => onChange(withBound(scheme, k, name, next))}
      />
    ) : (
      <Typography.Text type="secondary">
        {t(`grading.normalize.${name}`)} {value ?? t("grading.normalize.auto")}
      </Typography.Text>
    );
  };
  const direction = dimension.direction ?? "higher_is_better";
  return (
    <Space orientation="vertical" size={4}>
      {editable ? (
        <Select
          size="small"
          value={normalize.method}
          style={{ width: 150 }}
          data-testid={`method-${k}`}
          options={(["rank", "minmax"] as const).map((value) => ({
            value,
            label: t(`grading.normalize.${value}`),
          }))}
          onChange={(value) => onChange(withMethod(scheme, k, value))}
        />
      ) : (
        <Typography.Text>{t(`grading.normalize.${normalize.method}`)}</Typography.Text>
      )}
      {normalize.method === "minmax" && (
        <Space size={4}>
          {bound("min")}
          {bound("max")}
        </Space>
      )}
      {editable ? (
        <Select
          size="small"
          value={direction}
          style={{ width: 150 }}
          aria-label={t("grading.dimensions.direction")}
          data-testid={`direction-${k}`}
          options={(["higher_is_better", "lower_is_better"] as const).map((value) => ({
            value,
            label: t(`grading.direction.${value}`),
          }))}
          onChange={(value) =>
            onChange(
              withDimension(scheme, k, (next) => {
                if (value === "higher_is_better") delete next.direction;
                else next.direction = value;
              }),
            )
          }
        />
      ) : (
        <Typography.Text type="secondary">{t(`grading.direction.${direction}`)}</Typography.Text>
      )}
    </Space>
  );
}

function AssignmentCard({ scheme, onChange, editable, issues }: EditorProps) {
  const { t, i18n } = useTranslation();
  const { assign, grades } = scheme;
  const shares = assign.method === "shares";
  const values: Readonly<Record<string, number>> = shares ? assign.shares : assign.min;
  const key = shares ? "shares" : "min";
  const last = grades[grades.length - 1]!.code;
  const sum = Object.values(values).reduce((a, b) => a + b, 0);
  return (
    <Card
      size="small"
      title={t("grading.assign.title")}
      extra={<Typography.Text type="secondary">{t(`grading.assign.${assign.method}`)}</Typography.Text>}
      data-testid="assignment"
    >
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={grades.map((g) => ({ code: g.code }))}
        columns={[
          {
            title: t("grading.preview.grade"),
            dataIndex: "code",
            render: (code: string) => (
              <GradeTag grade={code} label={gradeLabel(scheme, code, i18n.language)} />
            ),
          },
          {
            title: shares ? t("grading.assign.share") : t("grading.assign.min"),
            key: "value",
            render: (_, { code }) => {
              const value = values[code];
              const path = `assign.${key}.${code}`;
              // The last grade takes the rest: it has no minimum, and its share may be left out.
              const rest = code === last && value === undefined;
              let field: ReactNode;
              if (rest)
                field = <Typography.Text type="secondary">{t("grading.assign.rest")}</Typography.Text>;
              else if (!editable)
                field = (
                  <span data-testid={`assign-${code}`}>{shares ? percent(value) : decimal(value, 2)}</span>
                );
              else
                field = (
                  <InputNumber
                    size="small"
                    min={0}
                    max={100}
                    step={shares ? 1 : 5}
                    value={value === undefined ? null : shares ? round(value * 100) : value}
                    suffix={shares ? "%" : undefined}
                    status={status(issues, path)}
                    style={{ width: 110 }}
                    data-testid={`assign-${code}`}
                    onChange={(next) =>
                      onChange(
                        withAssignment(
                          scheme,
                          code,
                          next === null ? null : shares ? round(next / 100) : next,
                        ),
                      )
                    }
                  />
                );
              return (
                <>
                  {field}
                  <FieldIssues issues={issues} path={path} />
                </>
              );
            },
          },
        ]}
      />
      {shares && (
        <Typography.Text type="secondary" style={{ display: "block", marginTop: 8 }} data-testid="shares-sum">
          {values[last] === undefined
            ? t("grading.assign.sumRest", {
                sum: percent(sum),
                rest: percent(Math.max(0, 1 - sum)),
                grade: gradeLabel(scheme, last, i18n.language),
              })
            : t("grading.assign.sum", { sum: percent(sum) })}
        </Typography.Text>
      )}
      <FieldIssues
        issues={issues.filter((issue) => issue.path === `assign.${key}` || issue.path === "assign")}
        path="assign"
      />
    </Card>
  );
}

/** Four decimals: 10 % typed in is 0.1, not 0.10000000000000001. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;

function OverridesCard({ scheme, onChange, editable, issues }: EditorProps) {
  const { t, i18n } = useTranslation();
  const rules = scheme.overrides ?? [];
  return (
    <Card size="small" title={t("grading.overrides.title")} data-testid="overrides">
      {rules.length === 0 ? (
        <Typography.Text type="secondary">{t("grading.overrides.none")}</Typography.Text>
      ) : (
        <Table<OverrideRule & { k: number }>
          size="small"
          pagination={false}
          rowKey="k"
          dataSource={rules.map((rule, k) => ({ ...rule, k }))}
          columns={[
            { title: "#", key: "n", width: 40, render: (_, rule) => rule.k + 1 },
            {
              title: t("grading.overrides.when"),
              key: "when",
              render: (_, rule) => (
                <>
                  <Condition
                    scheme={scheme}
                    rule={rule}
                    k={rule.k}
                    onChange={onChange}
                    editable={editable}
                    issues={issues}
                  />
                  <FieldIssues issues={issues} path={`overrides[${rule.k}].when`} />
                </>
              ),
            },
            {
              title: t("grading.overrides.effect"),
              key: "effect",
              render: (_, rule) => {
                const effect = gradeEffect(rule);
                const path = `overrides[${rule.k}]`;
                let body: ReactNode;
                if (!effect) body = t("grading.overrides.flag", { flag: rule.flag ?? "" });
                else
                  body = (
                    <Space size={4}>
                      {t(`grading.overrides.${effect.kind}`)}
                      {editable ? (
                        <Select
                          size="small"
                          value={effect.grade}
                          style={{ minWidth: 120 }}
                          data-testid={`rule-grade-${rule.k}`}
                          options={scheme.grades.map((g) => ({
                            value: g.code,
                            label: gradeLabel(scheme, g.code, i18n.language),
                          }))}
                          onChange={(grade) =>
                            onChange(
                              withRule(scheme, rule.k, (next) => {
                                next[effect.kind] = grade;
                              }),
                            )
                          }
                        />
                      ) : (
                        <GradeTag
                          grade={effect.grade}
                          label={gradeLabel(scheme, effect.grade, i18n.language)}
                        />
                      )}
                    </Space>
                  );
                return (
                  <>
                    {body}
                    <FieldIssues
                      issues={issues.filter((issue) => !issue.path.startsWith(`${path}.when`))}
                      path={path}
                    />
                  </>
                );
              },
            },
            {
              title: t("grading.overrides.reason"),
              key: "reason",
              render: (_, rule) => messageIn(rule.reason, i18n.language) || t("common.none"),
            },
          ]}
        />
      )}
    </Card>
  );
}

/** "信用等级 属于 信用较差", "未结投诉数 > [0]": the compared numbers editable, value lists read only. */
function Condition({
  scheme,
  rule,
  k,
  onChange,
  editable,
  issues,
}: EditorProps & { rule: OverrideRule; k: number }) {
  const { t } = useTranslation();
  const { when } = rule;
  const parts: ReactNode[] = [<Typography.Text key="field">{fieldLabel(t, when.field)}</Typography.Text>];
  if (when.in)
    parts.push(
      <span key="in">
        {t("grading.overrides.in")}{" "}
        {when.in.map((value) => (
          <Tag key={value}>{codeLabel(t, when.field, value)}</Tag>
        ))}
      </span>,
    );
  const compared = COMPARISONS.filter((op) => when[op] !== undefined);
  compared.forEach((op, n) => {
    const value = when[op]!;
    parts.push(
      <span key={op}>
        {n > 0 && `${t("grading.overrides.and")} `}
        {OPERATORS[op]}{" "}
        {editable ? (
          <InputNumber
            size="small"
            value={value}
            status={status(issues, `overrides[${k}].when.${op}`)}
            style={{ width: 80 }}
            data-testid={`rule-${k}-${op}`}
            onChange={(next) =>
              onChange(
                withRule(scheme, k, (rule) => {
                  // An emptied box keeps the number: a comparison without one would change the rule's kind.
                  rule.when[op] = next ?? value;
                }),
              )
            }
          />
        ) : (
          value
        )}
      </span>,
    );
  });
  return (
    <Space wrap size={6}>
      {parts}
    </Space>
  );
}
