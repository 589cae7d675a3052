/**
 * 导入 / Import: a CSV or XLSX file into one kind of custra's data, in the order a careful user
 * works: choose the kind and the file; check the column mapping (the server's suggestions, a saved
 * profile, changes column by column); look at the first rows as they will be read; validate every
 * row (nothing written; a file with bad rows is refused whole unless the user skips them); import it
 * as a job whose progress the page follows; and the history of imports below. Everything is the
 * server's: POST /imports/{entity}/preview, /validate and /jobs, /imports/entities, /profiles and
 * /history.
 */
import { InboxOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Checkbox, Form, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, upload } from "../../api/client.ts";
import { useLanguageKey } from "../../api/queries.ts";
import { LoadFailed, NoData, PageLoading } from "../../shell/states.tsx";
import { ColumnMapping } from "./column-mapping.tsx";
import { ImportHistory } from "./history.tsx";
import { ImportJob } from "./import-job.tsx";
import type { ImportableEntity, ImportPreview, ImportResult, Job } from "./imports.types.ts";
import { PreviewTable } from "./preview-table.tsx";
import { ProfilePicker, SaveProfile } from "./profiles.tsx";
import { choicesKey, importForm, type ReadChoices } from "./read-choices.ts";
import { addImportsTexts } from "./texts.ts";
import { ValidationResult } from "./validation.tsx";

addImportsTexts();

/** The date orders a file may need to be told (ISO and Chinese dates are recognised anyway). */
const DATE_FORMATS = ["dd/mm/yyyy", "mm/dd/yyyy", "dd.mm.yyyy"] as const;
const ACCEPT = ".csv,.txt,.tsv,.xlsx";

interface Validated {
  readonly key: string;
  readonly result?: ImportResult;
  readonly error?: unknown;
}

export default function ImportsPage() {
  const { t } = useTranslation();
  const entities = useQuery({
    queryKey: ["import-entities"],
    queryFn: ({ signal }) => api<ImportableEntity[]>("/imports/entities", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (entities.isPending) return <PageLoading />;
  if (entities.isError) return <LoadFailed error={entities.error} onRetry={() => entities.refetch()} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="imports">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("imports.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("imports.subtitle")}</Typography.Text>
      </div>
      <ImportWizard entities={entities.data} />
      <Card title={t("imports.history.title")} data-testid="history-card">
        <ImportHistory />
      </Card>
    </Space>
  );
}

function ImportWizard({ entities }: { entities: readonly ImportableEntity[] }) {
  const { t } = useTranslation();
  const language = useLanguageKey();
  const client = useQueryClient();
  const [entityName, setEntityName] = useState(
    entities.some((entity) => entity.name === "customers") ? "customers" : (entities[0]?.name ?? ""),
  );
  const [file, setFile] = useState<{ file: File; key: number } | null>(null);
  const [userMap, setUserMap] = useState<Record<string, string>>({});
  const [profileName, setProfileName] = useState<string>();
  const [dateFormat, setDateFormat] = useState<string>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [validated, setValidated] = useState<Validated | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const entity = entities.find((candidate) => candidate.name === entityName);

  const choices: ReadChoices | null =
    file && entity
      ? {
          entity: entity.name,
          file: file.file,
          fileKey: file.key,
          map: userMap,
          ...(profileName ? { profileName } : {}),
          ...(dateFormat ? { dateFormat } : {}),
        }
      : null;
  const key = choices ? choicesKey(choices) : null;
  const preview = useQuery({
    queryKey: ["import-preview", language, key],
    queryFn: ({ signal }) =>
      upload<ImportPreview>(`/imports/${choices!.entity}/preview`, importForm(choices!), signal),
    enabled: choices !== null,
    staleTime: Number.POSITIVE_INFINITY,
    // A changed column choice keeps the table on screen until the file is read again.
    placeholderData: (previous, query) =>
      samePreviewed(query?.queryKey[2], entityName, file?.key) ? previous : undefined,
  });
  const validate = useMutation({
    mutationFn: (asked: ReadChoices) =>
      upload<ImportResult>(`/imports/${asked.entity}/validate`, importForm(asked)),
    onSuccess: (result, asked) => setValidated({ key: choicesKey(asked), result }),
    onError: (error, asked) => setValidated({ key: choicesKey(asked), error }),
  });
  const commit = useMutation({
    mutationFn: (asked: ReadChoices) =>
      upload<Job>(`/imports/${asked.entity}/jobs`, importForm(asked, { skipInvalid })),
    onSuccess: (job) => {
      setJobId(job.id);
      void client.invalidateQueries({ queryKey: ["import-history"] });
    },
  });

  const current = validated && validated.key === key ? validated : null;
  const locked = jobId !== null || commit.isPending;
  const canCommit =
    current?.result !== undefined &&
    current.result.rowsRead > 0 &&
    (current.result.rejected === 0 || skipInvalid);
  const changed = () => {
    setSkipInvalid(false);
    commit.reset();
  };
  const startOver = () => {
    setFile(null);
    setUserMap({});
    setValidated(null);
    setSkipInvalid(false);
    setJobId(null);
    commit.reset();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card title={t("imports.file.title")} data-testid="file-card">
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Form layout="inline">
            <Form.Item label={t("imports.file.entity")}>
              <Select
                data-testid="entity-picker"
                style={{ minWidth: 180 }}
                disabled={locked}
                value={entityName}
                onChange={(name: string) => {
                  setEntityName(name);
                  setUserMap({});
                  setProfileName(undefined);
                  changed();
                }}
                options={entities.map((candidate) => ({
                  value: candidate.name,
                  label: t(`imports.entities.${candidate.name}`, { defaultValue: candidate.name }),
                }))}
              />
            </Form.Item>
            <Form.Item label={t("imports.file.dateFormat")}>
              <Select
                data-testid="date-format"
                style={{ minWidth: 160 }}
                disabled={locked}
                value={dateFormat ?? ""}
                onChange={(format: string) => {
                  setDateFormat(format || undefined);
                  changed();
                }}
                options={[
                  { value: "", label: t("imports.file.dateAuto") },
                  ...DATE_FORMATS.map((format) => ({ value: format, label: format })),
                ]}
              />
            </Form.Item>
            <Form.Item label={t("imports.file.profile")}>
              <Space>
                <ProfilePicker
                  entity={entityName}
                  disabled={locked}
                  value={profileName}
                  onChange={(name) => {
                    setProfileName(name);
                    setUserMap({});
                    changed();
                  }}
                />
                {preview.data && !locked && (
                  <SaveProfile
                    entity={entityName}
                    userMap={userMap}
                    profileName={profileName}
                    dateFormat={dateFormat}
                    onSaved={(name) => {
                      setProfileName(name);
                      setUserMap({});
                    }}
                  />
                )}
              </Space>
            </Form.Item>
          </Form>
          <Upload.Dragger
            data-testid="file-drop"
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={locked}
            beforeUpload={(chosen) => {
              // Kept here and sent with each step: the server never keeps an upload between them.
              setFile((previous) => ({ file: chosen, key: (previous?.key ?? 0) + 1 }));
              setValidated(null);
              changed();
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("imports.file.drop")}</p>
            <p className="ant-upload-hint">{t("imports.file.dropHint")}</p>
          </Upload.Dragger>
          {file && (
            <Typography.Text data-testid="file-chosen">
              {t("imports.file.chosen", { name: file.file.name })}
            </Typography.Text>
          )}
        </Space>
      </Card>

      {!choices || !entity ? (
        <Card>
          <NoData text={t("imports.file.empty")} />
        </Card>
      ) : preview.isError ? (
        <Card>
          <LoadFailed error={preview.error} onRetry={() => preview.refetch()} />
        </Card>
      ) : !preview.data ? (
        <Card>
          <PageLoading />
        </Card>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Card
            title={t("imports.mapping.title")}
            extra={<Typography.Text type="secondary">{t("imports.mapping.subtitle")}</Typography.Text>}
            data-testid="mapping-card"
          >
            <ColumnMapping
              entity={entity}
              preview={preview.data}
              disabled={locked}
              changed={Object.keys(userMap).length > 0}
              onChange={(column, field) => {
                setUserMap((map) => ({ ...map, [column]: field }));
                changed();
              }}
              onReset={() => {
                setUserMap({});
                changed();
              }}
            />
          </Card>
          <Card
            title={t("imports.preview.title")}
            extra={
              <Typography.Text type="secondary">
                {t("imports.preview.subtitle", { rows: preview.data.rows.length })}
              </Typography.Text>
            }
            data-testid="preview-card"
          >
            <PreviewTable entity={entity} preview={preview.data} />
          </Card>
          <Card
            title={t("imports.validate.title")}
            extra={<Typography.Text type="secondary">{t("imports.validate.subtitle")}</Typography.Text>}
            data-testid="validate-card"
          >
            <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
              <Space>
                <Button
                  type={current ? "default" : "primary"}
                  loading={validate.isPending}
                  disabled={locked || preview.isPlaceholderData}
                  onClick={() => validate.mutate(choices)}
                  data-testid="validate"
                >
                  {t("imports.validate.run")}
                </Button>
                {validated && !current && (
                  <Typography.Text type="warning" data-testid="validation-stale">
                    {t("imports.validate.stale")}
                  </Typography.Text>
                )}
              </Space>
              {current && <ValidationResult result={current.result} error={current.error} />}
              {current?.result &&
                current.result.rejected > 0 &&
                current.result.rowsRead > current.result.rejected && (
                  <Checkbox
                    checked={skipInvalid}
                    disabled={locked}
                    onChange={(event) => setSkipInvalid(event.target.checked)}
                    data-testid="skip-invalid"
                  >
                    {t("imports.validate.skipInvalid")}
                  </Checkbox>
                )}
            </Space>
          </Card>
          <Card title={t("imports.commit.title")} data-testid="commit-card">
            {jobId !== null ? (
              <ImportJob
                id={jobId}
                extra={
                  <Button onClick={startOver} data-testid="start-over">
                    {t("imports.commit.again")}
                  </Button>
                }
              />
            ) : (
              <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
                {!canCommit && (
                  <Typography.Text type="secondary">{t("imports.commit.needsValidation")}</Typography.Text>
                )}
                <Button
                  type="primary"
                  disabled={!canCommit}
                  loading={commit.isPending}
                  onClick={() => commit.mutate(choices)}
                  data-testid="commit"
                >
                  {t("imports.commit.start")}
                </Button>
                {commit.isError && (
                  <Alert
                    type="error"
                    showIcon
                    title={t("imports.commit.failed")}
                    description={commit.error.message}
                    data-testid="commit-refused"
                  />
                )}
              </Space>
            )}
          </Card>
        </Space>
      )}
    </Space>
  );
}

/** Whether a preview's key (choicesKey) is of the same kind of data and upload as now. */
function samePreviewed(key: unknown, entity: string, fileKey: number | undefined): boolean {
  if (typeof key !== "string") return false;
  const [previousEntity, previousFile] = JSON.parse(key) as [string, number];
  return previousEntity === entity && previousFile === fileKey;
}
