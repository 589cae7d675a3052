/**
 * 分级方案 / Grading schemes (issue 11, page 4): pick a scheme, read and edit the version in use
 * (weights, normalisation, shares or thresholds, override rules) with a live preview of what the
 * draft changes, save it as a new version and apply it (grade every customer with it); its
 * versions with what changed between any two; the migration between any two grade runs.
 * The scheme is in the URL (?scheme=). Editing needs editSchemes; previewing and applying need
 * analyze and every customer in scope (as the server does); everyone who reads may look.
 */
import { useQuery } from "@tanstack/react-query";
import { App, Card, Col, Row, Select, Space, Tabs, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../api/client.ts";
import { useCompanySettings, useLanguageKey } from "../../api/queries.ts";
import type { SchemeSummary } from "../../api/types.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import { dateTime } from "../../format/format.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { LIST_SCHEME } from "../overview/links.ts";
import { sameContent } from "./draft.ts";
import type { GradingScheme, StoredScheme } from "./grading.types.ts";
import { messageIn } from "./labels.ts";
import { MigrationMatrix } from "./migration-matrix.tsx";
import { CurrentGrades, PreviewPanel } from "./preview-panel.tsx";
import { SchemeActions } from "./scheme-actions.tsx";
import { SchemeEditor } from "./scheme-editor.tsx";
import { addGradingTexts } from "./texts.ts";
import { useSchemePreview } from "./use-scheme-preview.ts";
import { VersionHistory } from "./version-history.tsx";

addGradingTexts();

export default function GradingPage() {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const [params, setParams] = useSearchParams();
  const schemes = useQuery({
    queryKey: ["schemes"],
    queryFn: ({ signal }) => api<readonly SchemeSummary[]>("/schemes", { signal }),
  });
  const list = schemes.data ?? [];
  const name =
    params.get("scheme") ?? (list.some((s) => s.name === LIST_SCHEME) ? LIST_SCHEME : list[0]?.name);
  const stored = useQuery({
    queryKey: ["scheme", name],
    queryFn: ({ signal }) => api<StoredScheme>(`/schemes/${encodeURIComponent(name!)}`, { signal }),
    enabled: name !== undefined,
  });

  if (schemes.isPending) return <PageLoading />;
  if (schemes.isError) return <LoadFailed error={schemes.error} onRetry={() => schemes.refetch()} />;
  if (list.length === 0) return <NoData text={t("grading.empty")} />;

  const picker = (
    <Space>
      <Typography.Text>{t("grading.scheme")}</Typography.Text>
      <Select
        data-testid="scheme-picker"
        aria-label={t("grading.scheme")}
        style={{ minWidth: 220 }}
        value={name}
        options={list.map((s) => ({
          value: s.name,
          label: messageIn(s.definition.title, language) || s.name,
        }))}
        onChange={(value: string) => setParams(value === LIST_SCHEME ? {} : { scheme: value })}
      />
    </Space>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="grading">
      {stored.isPending ? (
        <Card size="small">{picker}</Card>
      ) : stored.isError ? (
        <>
          <Card size="small">{picker}</Card>
          <LoadFailed error={stored.error} onRetry={() => stored.refetch()} />
        </>
      ) : (
        <SchemeWorkspace key={stored.data.name} stored={stored.data} picker={picker} />
      )}
      {stored.isPending && <PageLoading />}
    </Space>
  );
}

/** One scheme: its draft (the version in use until edited), the editor, preview, versions and migration. */
function SchemeWorkspace({ stored, picker }: { stored: StoredScheme; picker: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const timeZone = useCompanySettings().data?.settings.timeZone;
  const editable = can(user, "editSchemes");
  const companyWide = can(user, "analyze") && user.allCustomers;
  const [draft, setDraft] = useState<GradingScheme>(stored.definition);
  const [base, setBase] = useState(stored.version);
  const [tab, setTab] = useState("definition");
  // A new version in use (saved here or elsewhere) is the new starting point; it holds what was saved.
  if (base !== stored.version) {
    setBase(stored.version);
    setDraft(stored.definition);
  }
  const dirty = !sameContent(draft, stored.definition);
  const preview = useSchemePreview(draft, companyWide);
  const invalid = preview.issues.length > 0;
  const language = i18n.language;

  return (
    <>
      <Card size="small" data-testid="scheme-header">
        <Row gutter={[16, 12]} wrap={false} align="top">
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            <Space orientation="vertical" size={4}>
              {picker}
              <Typography.Text type="secondary" data-testid="scheme-version">
                {t("grading.versionInfo", {
                  version: stored.version,
                  source: t(`grading.source.${stored.source}`, { defaultValue: stored.source }),
                  time: dateTime(stored.createdAt, timeZone),
                })}
              </Typography.Text>
              {stored.definition.description && (
                <Typography.Paragraph type="secondary" style={{ maxWidth: 720, margin: 0 }}>
                  {messageIn(stored.definition.description, language)}
                </Typography.Paragraph>
              )}
              {!editable && (
                <Typography.Text type="warning" data-testid="read-only">
                  {t("grading.readOnly")}
                </Typography.Text>
              )}
            </Space>
          </Col>
          {editable && (
            <Col flex="none">
              <SchemeActions
                draft={draft}
                dirty={dirty}
                valid={!invalid}
                canApply={companyWide}
                onReset={() => setDraft(stored.definition)}
              />
            </Col>
          )}
        </Row>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        data-testid="grading-tabs"
        items={[
          {
            key: "definition",
            label: t("grading.tabs.definition"),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={14}>
                  <SchemeEditor
                    scheme={draft}
                    onChange={setDraft}
                    editable={editable}
                    issues={preview.issues}
                  />
                </Col>
                <Col xs={24} xl={10}>
                  <div style={{ position: "sticky", top: 16 }}>
                    {companyWide ? (
                      <PreviewPanel
                        scheme={draft}
                        query={preview.query}
                        pending={preview.pending}
                        invalid={invalid}
                      />
                    ) : (
                      <Space orientation="vertical" style={{ width: "100%" }}>
                        {editable && (
                          <Typography.Text type="secondary">
                            {t("grading.preview.notAllowed")}
                          </Typography.Text>
                        )}
                        <CurrentGrades scheme={stored.definition} />
                      </Space>
                    )}
                  </div>
                </Col>
              </Row>
            ),
          },
          {
            key: "history",
            label: t("grading.tabs.history"),
            children: (
              <VersionHistory
                key={stored.version}
                stored={stored}
                editable={editable}
                onOpen={(definition, version) => {
                  setDraft(definition);
                  setTab("definition");
                  message.info(t("grading.history.opened", { version }));
                }}
              />
            ),
          },
          {
            key: "migration",
            label: t("grading.tabs.migration"),
            children: <MigrationMatrix scheme={stored.definition} />,
          },
        ]}
      />
    </>
  );
}
