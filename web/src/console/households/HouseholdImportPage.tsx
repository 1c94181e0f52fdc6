import { CheckCircleTwoTone, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { download } from '../../shared/download';
import { errorMessage } from '../../shared/errors';
import { downloadText, importFields, requiredImportFields, uploadHouseholdFile, type HouseholdImport, type UploadedImport } from './householdsApi';

type Mapping = Record<string, number | null>;
type Problem = HouseholdImport['problems'][number];

/** /console/household-import: upload → confirm the column mapping → line-numbered report → import. */
export default function HouseholdImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [upload, setUpload] = useState<UploadedImport | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [report, setReport] = useState<HouseholdImport | null>(null);
  const [busy, setBusy] = useState<'upload' | 'validate' | 'apply' | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const step = report?.status === 'applied' ? 3 : report ? 2 : upload ? 1 : 0;

  async function send(file: File) {
    setBusy('upload');
    try {
      const uploaded = await uploadHouseholdFile(file);
      setUpload(uploaded);
      setMapping(uploaded.mapping ?? {});
      setReport(null);
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  async function validate() {
    if (!upload) return;
    setBusy('validate');
    try {
      setReport(await call(api.POST('/api/v1/household-imports/{id}/validate', { params: { path: { id: upload.id } }, body: { mapping } })));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  async function apply() {
    if (!upload) return;
    setBusy('apply');
    try {
      setReport(await call(api.POST('/api/v1/household-imports/{id}/apply', { params: { path: { id: upload.id } } })));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  const restart = () => (setUpload(null), setReport(null), setMapping({}));
  const columnOptions = [{ value: -1, label: t('households.import.notInFile') }, ...(upload?.headers ?? []).map((h, i) => ({ value: i, label: h || `#${i + 1}` }))];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="start" gap={16} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('households.import.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', maxWidth: 820 }}>
            {t('households.import.intro')}
          </Typography.Paragraph>
        </div>
        <Button icon={<DownloadOutlined />} onClick={async () => download(await downloadText('/api/v1/household-imports/template.csv'), 'households-template.csv')}>
          {t('households.import.template')}
        </Button>
      </Flex>
      <Steps current={step} items={(['upload', 'mapping', 'report', 'done'] as const).map((s) => ({ title: t(`households.import.steps.${s}`) }))} />

      {step === 0 ? (
        <Upload.Dragger accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} disabled={busy !== null} beforeUpload={(file) => (void send(file), false)} data-testid="household-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{busy === 'upload' ? t('households.import.uploading') : t('households.import.drag')}</p>
          <p className="ant-upload-hint">{t('households.import.dragHint')}</p>
        </Upload.Dragger>
      ) : null}

      {step === 1 && upload ? (
        <Card size="small" title={`${t('households.import.file')}: ${upload.fileName}`} extra={<Space><Tag>{upload.format.toUpperCase()}</Tag>{upload.encoding ? <Tag>{upload.encoding.toUpperCase()}</Tag> : null}</Space>}>
          <Table
            rowKey="field"
            size="small"
            pagination={false}
            dataSource={importFields.map((field) => ({ field }))}
            columns={[
              { title: t('households.import.field'), key: 'field', width: 180, render: (_, { field }) => <Space>{t(`households.fields.${field}`)}{requiredImportFields.includes(field) ? <Tag color="red">{t('households.import.required')}</Tag> : null}</Space> },
              {
                title: t('households.import.column'),
                key: 'column',
                width: 240,
                render: (_, { field }) => (
                  <Select data-testid={`mapping-${field}`} style={{ width: 220 }} value={mapping[field] ?? -1} options={columnOptions} onChange={(v: number) => setMapping({ ...mapping, [field]: v < 0 ? null : v })} />
                ),
              },
              { title: t('households.import.sample'), key: 'sample', render: (_, { field }) => <Typography.Text type="secondary">{mapping[field] != null ? upload.sample.map((row) => row[mapping[field]!]).filter(Boolean).slice(0, 3).join(' · ') : ''}</Typography.Text> },
            ]}
          />
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            <Button onClick={restart}>{t('households.import.restart')}</Button>
            <Button type="primary" loading={busy === 'validate'} onClick={() => void validate()} data-testid="household-validate">
              {busy === 'validate' ? t('households.import.validating') : t('households.import.validate')}
            </Button>
          </Flex>
        </Card>
      ) : null}

      {step === 2 && report ? (
        <Card size="small">
          {report.status === 'valid' ? (
            <Alert type="success" showIcon message={t('households.import.validTitle', { total: report.totalRows, households: report.households })} description={t('households.import.validHint')} />
          ) : (
            <Alert type="error" showIcon data-testid="household-import-invalid" message={t('households.import.invalidTitle', { bad: report.badRows, total: report.totalRows })} description={t('households.import.invalidHint')} />
          )}
          {report.problems.length ? (
            <>
              <Table<Problem>
                style={{ marginTop: 16 }}
                rowKey={(p) => `${p.line}-${p.code}`}
                size="small"
                data-testid="household-import-report"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={report.problems}
                columns={[
                  { title: t('households.import.line'), dataIndex: 'line', width: 80 },
                  { title: t('households.import.column'), key: 'column', width: 160, render: (_, p) => p.column ?? (p.field ? t(`households.fields.${p.field}`) : '') },
                  { title: t('households.import.problem'), key: 'message', render: (_, p) => p.message[lang] },
                ]}
              />
              {report.problemsTruncated ? <Typography.Text type="secondary">{t('households.import.truncated')}</Typography.Text> : null}
            </>
          ) : null}
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            {report.badRows ? (
              <Button icon={<DownloadOutlined />} onClick={async () => download(await downloadText(`/api/v1/household-imports/${report.id}/report.csv`), 'household-import-report.csv')}>
                {t('households.import.downloadReport')}
              </Button>
            ) : null}
            <Button onClick={() => setReport(null)}>{t('households.import.back')}</Button>
            <Button onClick={restart}>{t('households.import.restart')}</Button>
            {report.status === 'valid' ? (
              <Button type="primary" loading={busy === 'apply'} onClick={() => void apply()} data-testid="household-apply">
                {busy === 'apply' ? t('households.import.applying') : t('households.import.apply')}
              </Button>
            ) : null}
          </Flex>
        </Card>
      ) : null}

      {step === 3 && report?.result ? (
        <Result
          icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
          title={t('households.import.doneTitle')}
          subTitle={<span data-testid="household-import-done">{t('households.import.doneStats', { created: report.result.householdsCreated, updated: report.result.householdsUpdated, members: report.result.membersWritten })}</span>}
          extra={[
            <Button key="again" onClick={restart}>{t('households.import.again')}</Button>,
            <Button key="list" type="primary" onClick={() => navigate('/console/households')}>{t('households.import.toList')}</Button>,
          ]}
        />
      ) : null}
    </Flex>
  );
}
