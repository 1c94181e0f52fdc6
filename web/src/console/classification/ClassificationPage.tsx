import { ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format/time';
import { EvaluationDrawer, percent } from './EvaluationDrawer';

type Model = Schemas['ClassifierModel'];
type Kind = Model['kind'];
const kinds: Kind[] = ['category', 'unit'];
const statusColour = { candidate: 'blue', active: 'green', retired: 'default' } as const;

/** 智能分拨: the suggestion models — train, read the evaluation, switch on, roll back, switch off; the apply threshold. */
export default function ClassificationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [viewing, setViewing] = useState<string | null>(null);
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const models = useQuery({
    queryKey: ['classification', 'models'],
    queryFn: () => call(api.GET('/api/v1/classification/models')),
    // While a training run is queued, look again every 2 s.
    refetchInterval: waitingSince ? 2000 : false,
  });
  const items = models.data?.items ?? [];
  const newest = items.reduce((max, m) => Math.max(max, Date.parse(m.trainedAt)), 0);
  useEffect(() => {
    if (waitingSince && newest >= waitingSince) {
      setWaitingSince(null);
      message.success(t('classification.trainDone'));
    }
  }, [newest, waitingSince, message, t]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['classification'] });
  const act = async <T,>(run: () => Promise<T>, done: (result: T) => string) => {
    try {
      const result = await run();
      message.success(done(result));
      await refresh();
    } catch (e) {
      message.error(t('classification.actionFailed', { message: errorMessage(e, t) }));
    }
  };
  const train = async () => {
    try {
      const started = Date.now() - 5_000;
      await call(api.POST('/api/v1/classification/models/train', { body: {} }));
      message.info(t('classification.trainQueued'));
      setWaitingSince(started);
    } catch (e) {
      message.error(t('classification.trainFailed', { message: errorMessage(e, t) }));
    }
  };
  const kindName = (kind: Kind) => t(`classification.kinds.${kind}`);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <ExperimentOutlined />
            {t('classification.title')}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void refresh()} aria-label={t('apiKeys.reload')} />
            <Button type="primary" onClick={() => void train()} loading={!!waitingSince} data-testid="train-models">
              {t('classification.train')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('classification.intro')}</Typography.Paragraph>
        {waitingSince && <Alert type="info" showIcon message={t('classification.training')} style={{ marginBottom: 12 }} />}
        {models.error && <Alert type="error" showIcon message={t('classification.loadFailed', { message: errorMessage(models.error, t) })} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
          {kinds.map((kind) => {
            const active = items.find((m) => m.kind === kind && m.status === 'active');
            const hasRetired = items.some((m) => m.kind === kind && m.status === 'retired');
            return (
              <Descriptions.Item key={kind} label={kindName(kind)}>
                <Flex wrap gap={8} align="center">
                  {active ? (
                    <Typography.Text data-testid={`active-${kind}`}>
                      {t('classification.activeNow')} v{active.version} · {t('classification.columns.accuracy')} {percent(active.accuracy, t('classification.evaluation.noData'))}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary" data-testid={`active-${kind}`}>
                      {t('classification.noActive')}
                    </Typography.Text>
                  )}
                  {hasRetired && (
                    <Button
                      size="small"
                      onClick={() => void act(() => call(api.POST('/api/v1/classification/kinds/{kind}/rollback', { params: { path: { kind } } })), (back) => t('classification.rolledBack', { version: back.version }))}
                    >
                      {t('classification.rollback')}
                    </Button>
                  )}
                  {active && (
                    <Popconfirm title={t('classification.deactivateConfirm', { kind: kindName(kind) })} onConfirm={() => void act(() => call(api.POST('/api/v1/classification/kinds/{kind}/deactivate', { params: { path: { kind } } })), () => t('classification.deactivated', { kind: kindName(kind) }))}>
                      <Button size="small" danger>
                        {t('classification.deactivate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              </Descriptions.Item>
            );
          })}
        </Descriptions>
        <Table<Model>
          size="small"
          rowKey="id"
          loading={models.isLoading}
          dataSource={items}
          locale={{ emptyText: t('classification.empty') }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('classification.columns.kind'), dataIndex: 'kind', width: 110, render: (k: Kind) => kindName(k) },
            { title: t('classification.columns.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
            { title: t('classification.columns.status'), dataIndex: 'status', width: 90, render: (s: Model['status']) => <Tag color={statusColour[s]}>{t(`classification.status.${s}`)}</Tag> },
            { title: t('classification.columns.trainedAt'), dataIndex: 'trainedAt', width: 170, render: (v: string) => formatDateTime(v) },
            { title: t('classification.columns.examples'), width: 130, render: (_: unknown, m) => `${m.trainedOn} / ${m.heldOut}` },
            { title: t('classification.columns.accuracy'), dataIndex: 'accuracy', width: 100, render: (v: number | null) => percent(v, t('classification.evaluation.noData')) },
            { title: t('classification.columns.macroF1'), dataIndex: 'macroF1', width: 110, render: (v: number | null) => percent(v, t('classification.evaluation.noData')) },
            {
              title: t('classification.columns.actions'),
              width: 190,
              render: (_: unknown, m) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setViewing(m.id)} data-testid={`view-${m.kind}-v${m.version}`}>
                    {t('classification.view')}
                  </Button>
                  {m.status !== 'active' && (
                    <Popconfirm title={t('classification.activateConfirm', { version: m.version })} onConfirm={() => void act(() => call(api.POST('/api/v1/classification/models/{id}/activate', { params: { path: { id: m.id } } })), () => t('classification.activated', { version: m.version }))}>
                      <Button size="small" type="primary" ghost data-testid={`activate-${m.kind}-v${m.version}`}>
                        {t('classification.activate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ThresholdCard />
      <EvaluationDrawer modelId={viewing} onClose={() => setViewing(null)} />
    </Space>
  );
}

/** The confidence at which a suggested category is applied at intake. */
function ThresholdCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useQuery({ queryKey: ['classification', 'settings'], queryFn: () => call(api.GET('/api/v1/classification/settings')) });
  const [value, setValue] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const shown = value ?? (settings.data ? Math.round(settings.data.applyThreshold * 100) : null);
  const save = async () => {
    if (shown === null || !settings.data) return;
    setSaving(true);
    try {
      await call(api.PUT('/api/v1/classification/settings', { body: { applyThreshold: shown / 100, version: settings.data.version } }));
      message.success(t('classification.settings.saved', { value: shown }));
      setValue(null);
      await settings.refetch();
    } catch (e) {
      message.error(t('classification.settings.failed', { message: errorMessage(e, t) }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('classification.settings.title')} size="small">
      <Typography.Paragraph type="secondary">{t('classification.settings.help')}</Typography.Paragraph>
      <Space>
        <Typography.Text>{t('classification.settings.threshold')}</Typography.Text>
        <InputNumber min={5} max={100} step={5} precision={0} addonAfter="%" value={shown} onChange={(v) => setValue(v)} disabled={!settings.data} data-testid="apply-threshold" />
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={value === null}>
          {t('classification.settings.save')}
        </Button>
      </Space>
    </Card>
  );
}
