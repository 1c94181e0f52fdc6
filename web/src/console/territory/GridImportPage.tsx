import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Result, Space, Spin, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import GridMap, { type GridCollection, type GridFeature } from '../../shared/map/GridMap';
import { downloadGeoJson } from './download';

type ImportResult = Schemas['GridImportResult'];
interface FeatureProblem {
  feature: number;
  code: string | null;
  reasons: string[];
}
interface LoadedFile {
  name: string;
  collection: { type: 'FeatureCollection'; features: unknown[] };
}
type Stage =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'rejected'; message: string; problems: FeatureProblem[] }
  | { kind: 'failed'; message: string }
  | { kind: 'valid'; result: ImportResult }
  | { kind: 'importing'; result: ImportResult }
  | { kind: 'done'; result: ImportResult };

const INDEX = '__wgIndex';

/** /console/grid-import: check a GeoJSON grid file (dry run), show every problem, then import it. */
export default function GridImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const k = 'console.admin.gridImport';
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [exporting, setExporting] = useState(false);
  const canImport = !!user?.permissions.includes('grid:import');

  const check = useCallback(
    async (loaded: LoadedFile) => {
      setStage({ kind: 'checking' });
      try {
        const result = await call(api.POST('/api/v1/grids/import', { params: { query: { dryRun: 'true' } }, body: loaded.collection }));
        setStage({ kind: 'valid', result });
      } catch (error) {
        if (error instanceof ApiError && error.status === 422 && error.problem?.code === 'GRID_IMPORT_REJECTED') {
          const problems = Array.isArray(error.problem.features) ? (error.problem.features as FeatureProblem[]) : [];
          setStage({ kind: 'rejected', message: errorMessage(error, t), problems });
        } else {
          setStage({ kind: 'failed', message: t(`${k}.validateFailed`, { message: errorMessage(error, t) }) });
        }
      }
    },
    [t],
  );

  // The server words its reasons in the request's language: check again when the language changes.
  const lastLanguage = useRef(i18n.language);
  useEffect(() => {
    if (lastLanguage.current === i18n.language) return;
    lastLanguage.current = i18n.language;
    if (file && (stage.kind === 'rejected' || stage.kind === 'valid' || stage.kind === 'failed')) void check(file);
  }, [i18n.language, file, stage.kind, check]);

  const readFile = async (raw: File) => {
    setFileError(null);
    setFile(null);
    setStage({ kind: 'idle' });
    let text: string;
    try {
      text = await raw.text();
    } catch (error) {
      setFileError(t(`${k}.readFailed`, { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      setFileError(t(`${k}.notJson`, { name: raw.name, message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const obj = parsed as { type?: unknown; features?: unknown } | null;
    if (!obj || typeof obj !== 'object' || obj.type !== 'FeatureCollection' || !Array.isArray(obj.features)) {
      setFileError(t(`${k}.notCollection`, { name: raw.name }));
      return;
    }
    const loaded: LoadedFile = { name: raw.name, collection: { type: 'FeatureCollection', features: obj.features } };
    setFile(loaded);
    await check(loaded);
  };

  const runImport = async () => {
    if (!file || stage.kind !== 'valid') return;
    const preview = stage.result;
    setStage({ kind: 'importing', result: preview });
    try {
      const result = await call(api.POST('/api/v1/grids/import', { body: file.collection }));
      setStage({ kind: 'done', result });
      message.success(t(`${k}.imported`, { created: result.created, updated: result.updated }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problem?.code === 'GRID_IMPORT_REJECTED') {
        const problems = Array.isArray(error.problem.features) ? (error.problem.features as FeatureProblem[]) : [];
        setStage({ kind: 'rejected', message: errorMessage(error, t), problems });
      } else {
        setStage({ kind: 'valid', result: preview });
        message.error(t(`${k}.importFailed`, { message: errorMessage(error, t) }));
      }
    }
  };

  const exportAll = async () => {
    setExporting(true);
    try {
      const fc = await call(api.GET('/api/v1/grids/export'));
      downloadGeoJson(fc, 'grids-all.geojson');
      message.success(t(`${k}.exported`, { count: fc.features.length }));
    } catch (error) {
      message.error(t(`${k}.exportFailed`, { message: errorMessage(error, t) }));
    } finally {
      setExporting(false);
    }
  };

  const reset = () => {
    setFile(null);
    setFileError(null);
    setStage({ kind: 'idle' });
  };

  // The file's features for the preview, numbered like the server's report (1-based).
  const preview = useMemo<GridCollection | null>(() => {
    if (!file) return null;
    const features = file.collection.features
      .map((f, i) => {
        const feature = f as GridFeature | null;
        if (!feature || typeof feature !== 'object' || !feature.geometry || typeof feature.geometry !== 'object') return null;
        const properties = feature.properties && typeof feature.properties === 'object' ? feature.properties : {};
        return { type: 'Feature' as const, geometry: feature.geometry, properties: { ...properties, [INDEX]: i + 1 } };
      })
      .filter((f): f is NonNullable<typeof f> => !!f);
    return { type: 'FeatureCollection', features };
  }, [file]);
  const badIndexes = useMemo(() => new Set(stage.kind === 'rejected' ? stage.problems.map((p) => p.feature) : []), [stage]);
  const previewStyle = useCallback(
    (feature: GridFeature) => (badIndexes.has(Number(feature.properties?.[INDEX])) ? { color: '#f5222d', fillColor: '#ff4d4f', fillOpacity: 0.45, weight: 2.5, dashArray: undefined } : undefined),
    [badIndexes],
  );

  const busy = stage.kind === 'checking' || stage.kind === 'importing';
  const featureCount = file?.collection.features.length ?? 0;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportAll()}>
          {exporting ? t(`${k}.exporting`) : t(`${k}.export`)}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(`${k}.intro`)}
      </Typography.Paragraph>
      {!canImport ? <Alert type="warning" showIcon message={t(`${k}.noPermission`)} /> : null}

      {stage.kind === 'done' ? (
        <Card>
          <Result
            status="success"
            title={t(`${k}.imported`, { created: stage.result.created, updated: stage.result.updated })}
            subTitle={t(`${k}.importedHint`)}
            extra={<Button onClick={reset}>{t(`${k}.again`)}</Button>}
          />
        </Card>
      ) : (
        <Upload.Dragger
          accept=".geojson,.json,application/geo+json,application/json"
          multiple={false}
          showUploadList={false}
          disabled={busy || !canImport}
          beforeUpload={(raw) => {
            void readFile(raw);
            return false;
          }}
          style={{ padding: '4px 0' }}
        >
          <p className="ant-upload-drag-icon" style={{ marginBottom: 8 }}>
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t(`${k}.dragHint`)}</p>
          <p className="ant-upload-hint">{t(`${k}.dragSub`)}</p>
        </Upload.Dragger>
      )}

      {fileError ? <Alert type="error" showIcon message={fileError} /> : null}
      {file && stage.kind !== 'done' ? <Typography.Text strong>{t(`${k}.file`, { name: file.name, count: featureCount })}</Typography.Text> : null}
      {stage.kind === 'checking' ? (
        <Spin tip={t(`${k}.validating`, { count: featureCount })}>
          <div style={{ height: 80 }} />
        </Spin>
      ) : null}
      {stage.kind === 'failed' ? (
        <Alert type="error" showIcon message={stage.message} action={file ? <Button onClick={() => void check(file)}>{t('console.admin.retry')}</Button> : null} />
      ) : null}

      {stage.kind === 'rejected' ? (
        <Card size="small">
          <Alert type="error" showIcon message={t(`${k}.rejected`, { message: stage.message })} description={t(`${k}.rejectedHint`)} style={{ marginBottom: 12 }} />
          <Table<FeatureProblem>
            size="small"
            rowKey={(p) => `${p.feature}:${p.code ?? ''}`}
            dataSource={stage.problems}
            pagination={stage.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              { title: t(`${k}.columns.feature`), dataIndex: 'feature', width: 100 },
              { title: t(`${k}.columns.code`), dataIndex: 'code', width: 180, render: (code: string | null) => code ?? <Typography.Text type="secondary">{t(`${k}.noCode`)}</Typography.Text> },
              {
                title: t(`${k}.columns.reasons`),
                dataIndex: 'reasons',
                render: (reasons: string[]) => (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {reasons.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </Card>
      ) : null}

      {stage.kind === 'valid' || stage.kind === 'importing' ? (
        <Card size="small">
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            message={t(`${k}.valid`, { created: stage.result.created, updated: stage.result.updated })}
            description={t(`${k}.validHint`)}
            action={
              <Space>
                <Button onClick={reset} disabled={stage.kind === 'importing'}>
                  {t('common.cancel')}
                </Button>
                <Button type="primary" loading={stage.kind === 'importing'} onClick={() => void runImport()}>
                  {stage.kind === 'importing' ? t(`${k}.importing`) : t(`${k}.confirm`)}
                </Button>
              </Space>
            }
            style={{ marginBottom: 12 }}
          />
          <Table<ImportResult['grids'][number]>
            size="small"
            rowKey="code"
            dataSource={stage.result.grids}
            pagination={stage.result.grids.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t(`${k}.columns.code`), dataIndex: 'code', width: 170 },
              { title: t(`${k}.columns.name`), dataIndex: 'name' },
              { title: t(`${k}.columns.villageCode`), dataIndex: 'villageCode', width: 150 },
              { title: t(`${k}.columns.kind`), dataIndex: 'kind', width: 120, render: (kind: 'basic' | 'special') => <Tag color={kind === 'special' ? 'purple' : 'blue'}>{t(`${k}.kinds.${kind}`)}</Tag> },
              { title: t(`${k}.columns.action`), dataIndex: 'action', width: 90, render: (action: 'create' | 'update') => <Tag color={action === 'create' ? 'green' : 'orange'}>{t(`${k}.actions.${action}`)}</Tag> },
            ]}
          />
        </Card>
      ) : null}

      {preview && preview.features.length > 0 && (stage.kind === 'valid' || stage.kind === 'importing' || stage.kind === 'rejected') ? (
        <Card size="small" title={t(`${k}.preview`)} extra={stage.kind === 'rejected' ? <Typography.Text type="danger">{t(`${k}.previewHint`)}</Typography.Text> : null}>
          <GridMap grids={preview} gridStyle={previewStyle} height={380} />
        </Card>
      ) : null}
    </Flex>
  );
}
