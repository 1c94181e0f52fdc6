import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Descriptions, Empty, Image, Result, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import GridMap, { type GridCollection } from '../../shared/map/GridMap';
import { errorMessage } from '../../shared/errors';
import { ReporterField } from '../privacy/ReporterField';
import { CaseNoticesPanel } from '../supervision/CaseNoticesPanel';
import { SuggestionPanel } from '../classification/SuggestionPanel';
import { DuplicatesPanel, FollowersPanel } from '../duplicates/DuplicatesPanel';
import { ActionModal } from './ActionModal';
import { targetValue } from './TargetSelect';
import { CaseLoopPanel } from './CaseLoopPanel';
import { fetchCase } from './caseApi';
import { areaPath, ColourTag, formatTime, StatusTag, type CaseDetail } from './format';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';

type AllowedAction = CaseDetail['allowedActions'][number];

const slipStatuses = ['dispatched', 'in_progress', 'handled', 'rework', 'closed'];

/** Photo URLs from the (optional, newer) `photos` array, whatever shape each entry has. */
function photoUrls(data: CaseDetail): string[] {
  if (!('photos' in data)) return [];
  const photos = (data as { photos?: unknown }).photos;
  if (!Array.isArray(photos)) return [];
  return photos
    .map((p: unknown) => {
      if (typeof p === 'string') return p;
      if (p && typeof p === 'object') {
        const o = p as Record<string, unknown>;
        const url = o.url ?? o.thumbnailUrl ?? o.href ?? (typeof o.id === 'string' ? `/api/v1/photos/${o.id}` : undefined);
        return typeof url === 'string' ? url : null;
      }
      return null;
    })
    .filter((u): u is string => !!u);
}

function CaseMap({ data }: { data: CaseDetail }) {
  const gridCode = data.grid?.code;
  const grid = useQuery({
    queryKey: ['territory', gridCode, 'geometry'],
    queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code: gridCode! }, query: { geometry: 'true' } } })),
    enabled: !!gridCode,
    staleTime: 10 * 60_000,
  });
  const node = grid.data;
  const grids: GridCollection | null = node?.geometry
    ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: node.geometry as GridCollection['features'][number]['geometry'], properties: { code: node.code, name: node.name, kind: node.gridKind } }] }
    : null;
  const lat = data.lat ?? data.location.lat;
  const lng = data.lng ?? data.location.lng;
  if (lat === null || lng === null) {
    if (!grids) return null;
  }
  return (
    <GridMap
      height={260}
      grids={grids}
      selectedCode={gridCode ?? null}
      markers={lat !== null && lng !== null ? [{ id: data.id, lat, lng, colour: data.colour, title: data.number }] : []}
      cluster={false}
      maxFitZoom={17}
    />
  );
}

/** One case: facts, map, photos, timeline, and a button for each action the server allows. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<AllowedAction | null>(null);
  const [preset, setPreset] = useState<Record<string, unknown> | undefined>(undefined);
  const statuses = useCaseStatuses();
  const key = ['case', id, i18n.language];
  const query = useQuery({ queryKey: key, queryFn: () => fetchCase(id), refetchInterval: 30_000 });
  const data = query.data;

  const allowed = (name: string) => data?.allowedActions.find((a) => a.action === name);
  /** Opens an action's dialog, optionally with fields filled in (a suggestion's category or target). */
  const openAction = (name: string, values?: Record<string, unknown>) => {
    const found = allowed(name);
    if (!found) return;
    setPreset(values);
    setAction(found);
  };

  if (query.isLoading) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  if (!data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={t('console.detail.loadFailed', { message: errorMessage(query.error, t) })}
        extra={
          <Space>
            <Button onClick={() => navigate('/console/cases')}>{t('console.detail.backToList')}</Button>
            {!notFound && (
              <Button type="primary" onClick={() => void query.refetch()}>
                {t('common.retry')}
              </Button>
            )}
          </Space>
        }
      />
    );
  }

  const photos = photoUrls(data);
  const dash = '—';
  const deadline = (iso: string | null, live: boolean) =>
    iso ? (
      <Space size={6}>
        <span className="wg-nowrap">{formatTime(iso)}</span>
        {live && data.isOverdue && Date.parse(iso) < Date.now() && <Badge status="error" text={t('console.detail.overdue')} />}
      </Space>
    ) : (
      t('console.detail.notSet')
    );
  const statusName = (s: string | null) => (s ? statuses.label(s) : '');

  return (
    <div data-testid="case-detail">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16, marginBottom: 12, flexWrap: 'wrap' }}>
        <Space size={10} wrap align="center">
          <Link to="/console/cases">
            <ArrowLeftOutlined /> {t('console.detail.backToList')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: data.number }}>
            {data.number}
          </Typography.Title>
          <StatusTag status={data.status} label={data.statusLabel} />
          <ColourTag colour={data.colour} />
          {data.isOverdue && <Tag color="red">{t('console.detail.overdue')}</Tag>}
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined spin={query.isFetching} />} onClick={() => void query.refetch()} aria-label={t('console.inbox.refresh')} />
          {slipStatuses.includes(data.status) && data.assignee && (
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/console/cases/${data.id}/slip`)}>
              {t('console.detail.printSlip')}
            </Button>
          )}
          {data.allowedActions.map((a) => (
            <Button key={a.action} type={['accept', 'dispatch', 'take', 'handle', 'close'].includes(a.action) ? 'primary' : 'default'} danger={a.action === 'reject'} onClick={() => openAction(a.action)} data-testid={`action-${a.action}`}>
              {a.label}
            </Button>
          ))}
        </Space>
      </div>
      {data.allowedActions.length === 0 && <Alert type="info" showIcon message={t('console.detail.noActions')} style={{ marginBottom: 12 }} />}
      {query.error && <Alert type="warning" showIcon message={errorMessage(query.error, t)} style={{ marginBottom: 12 }} />}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={t('console.detail.facts')} size="small">
            <Descriptions column={2} size="small" bordered styles={{ label: { width: 104, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('console.detail.category')}>{data.category ? `${data.category.name}（${data.category.code}）` : t('console.detail.uncategorised')}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.demandType')}>{t(`console.inbox.demandTypes.${data.demandType}`)}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.level')}>{t(`console.inbox.levels.${data.level}`)}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.channel')}>{t(`console.inbox.channels.${data.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.description')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{data.description}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('console.detail.address')} span={2}>
                {data.location.address ?? (data.needsTriage ? <Typography.Text type="warning">{t('console.detail.noLocation')}</Typography.Text> : dash)}
              </Descriptions.Item>
              <Descriptions.Item label={t('console.detail.area')} span={2}>
                {areaPath(data) || data.territory.name}
              </Descriptions.Item>
              <Descriptions.Item label={t('console.detail.grid')}>
                {data.grid ? `${data.grid.name}（${data.grid.code}）` : dash}
                {data.location.basicGrid && data.location.basicGrid.id !== data.grid?.id && (
                  <div>
                    <Typography.Text type="secondary">
                      {t('console.detail.basicGrid')}{t('common.colon')}{data.location.basicGrid.name}
                    </Typography.Text>
                  </div>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('console.detail.coordinates')}>{data.lat !== null && data.lng !== null ? `${data.lat.toFixed(6)}, ${data.lng.toFixed(6)}` : dash}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.reporter')}>
                <ReporterField caseId={data.id} reporter={data.reporter} isAnonymous={data.isAnonymous} anonymousLabel={t('console.detail.anonymous')} />
              </Descriptions.Item>
              <Descriptions.Item label={t('console.detail.assignee')}>{data.assignee?.name ?? t('console.detail.unassigned')}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.createdAt')}>{formatTime(data.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.acceptedAt')}>{data.acceptedAt ? formatTime(data.acceptedAt) : dash}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.respondBy')}>{deadline(data.respondBy, data.status === 'reported')}</Descriptions.Item>
              <Descriptions.Item label={t('console.detail.resolveBy')}>{deadline(data.resolveBy, data.status !== 'reported')}</Descriptions.Item>
              {data.handler && <Descriptions.Item label={t('console.detail.handler')}>{data.handler.name}</Descriptions.Item>}
              {data.longTermUntil && <Descriptions.Item label={t('console.detail.longTermUntil')}>{data.longTermUntil}</Descriptions.Item>}
              {data.pendingExtension && (
                <Descriptions.Item label={t('console.detail.resolveBy')}>
                  <Tag color="orange">{t('console.detail.pendingExtension', { hours: data.pendingExtension.hours })}</Tag>
                </Descriptions.Item>
              )}
              {data.mergedInto && (
                <Descriptions.Item label={t('console.detail.mergedInto')}>
                  <Link to={`/console/cases/${data.mergedInto.id}`}>{data.mergedInto.number}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('console.detail.counts')} span={2}>
                {t('console.detail.countsValue', data.counts)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {(data.grid || (data.lat !== null && data.lng !== null)) && (
            <Card title={t('console.detail.map')} size="small" style={{ marginTop: 16 }}>
              <CaseMap data={data} />
            </Card>
          )}
          {photos.length > 0 && (
            <Card title={t('console.detail.photos')} size="small" style={{ marginTop: 16 }}>
              <Image.PreviewGroup>
                <Space wrap>
                  {photos.map((url) => (
                    <Image key={url} src={url} width={120} height={90} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('console.detail.timeline')} size="small">
            {data.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                style={{ marginTop: 8 }}
                items={[...data.timeline].reverse().map((e) => ({
                  key: e.id,
                  color: e.toStatus === 'closed' ? 'green' : e.action === 'reject' || e.action === 'rework' ? 'red' : 'blue',
                  content: (
                    <div>
                      <Space size={6} wrap>
                        <Typography.Text strong>{e.actionLabel}</Typography.Text>
                        {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
                          <Typography.Text type="secondary">
                            {statusName(e.fromStatus)} → {statusName(e.toStatus)}
                          </Typography.Text>
                        )}
                      </Space>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatTime(e.at)} · {e.actor?.name ?? t('console.detail.system')}
                        </Typography.Text>
                      </div>
                      {e.note && <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          <CaseNoticesPanel caseId={data.id} caseNumber={data.number} isOpen={!['closed', 'rejected', 'merged'].includes(data.status)} />
          <CaseLoopPanel caseId={data.id} />
          {data.allowedActions.some((a) => a.action === 'accept' || a.action === 'dispatch') && (
            <SuggestionPanel
              caseId={data.id}
              currentCategory={data.category?.code ?? null}
              actions={{
                ...(allowed('accept') ? { accept: (categoryCode: string) => openAction('accept', { categoryCode }) } : {}),
                ...(allowed('dispatch')
                  ? {
                      dispatch: (target: { kind: string; id: string }) => {
                        const offered = allowed('dispatch')?.targets.find((x) => x.kind === target.kind && x.id === target.id);
                        if (offered) openAction('dispatch', { target: targetValue(offered) });
                        return !!offered;
                      },
                    }
                  : {}),
              }}
            />
          )}
          {!['closed', 'rejected', 'merged'].includes(data.status) && (
            <DuplicatesPanel
              data={data}
              onMerged={(updated) => {
                queryClient.setQueryData(key, updated);
                void queryClient.invalidateQueries({ queryKey: ['cases'] });
              }}
            />
          )}
          <FollowersPanel caseId={data.id} />
        </Col>
      </Row>

      <ActionModal
        data={data}
        action={action}
        preset={preset}
        onClose={() => setAction(null)}
        onDone={(updated) => {
          setAction(null);
          queryClient.setQueryData(key, updated);
          void queryClient.invalidateQueries({ queryKey: ['cases'] });
          void queryClient.invalidateQueries({ queryKey: ['case', id] });
        }}
        onStale={() => {
          setAction(null);
          void query.refetch();
        }}
      />
    </div>
  );
}
