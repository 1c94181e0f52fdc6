import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { useCaseStatuses } from '../../shared/cases/useCaseStatuses';
import { errorMessage } from '../../shared/errors';
import GridMap, { markerColour, type GridCollection, type GridFeature, type GridMapMarker } from '../../shared/map/GridMap';

type CaseSummary = Schemas['CaseSummary'];

const PAGE = 200;
const MAX_CASES = 1000;

/** Open-case count → fill colour (a blue scale, so the red/yellow/green case dots stay readable). */
const SHADES: Array<{ min: number; label: string; colour: string }> = [
  { min: 10, label: '10+', colour: '#10239e' },
  { min: 6, label: '6–9', colour: '#2f54eb' },
  { min: 3, label: '3–5', colour: '#85a5ff' },
  { min: 1, label: '1–2', colour: '#d6e4ff' },
  { min: 0, label: '0', colour: '#ffffff' },
];
function shadeFor(count: number): string {
  return (SHADES.find((s) => count >= s.min) ?? SHADES[SHADES.length - 1]!).colour;
}

interface GridCounts {
  total: number;
  colours: Record<string, number>;
  statuses: Map<string, number>;
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div style={{ background: 'rgba(255,255,255,.94)', borderRadius: 6, padding: '8px 10px', boxShadow: '0 1px 4px rgba(0,0,0,.2)', fontSize: 12, lineHeight: '18px' }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('console.map.legendTitle')}</div>
      <Flex gap={6} style={{ marginBottom: 6 }}>
        {[...SHADES].reverse().map((s) => (
          <Flex key={s.label} align="center" gap={3}>
            <span style={{ width: 14, height: 12, background: s.colour, border: '1px solid #2f54eb', display: 'inline-block' }} />
            {s.label}
          </Flex>
        ))}
      </Flex>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('console.map.legendCases')}</div>
      <Flex vertical gap={2}>
        {(['red', 'yellow', 'green'] as const).map((c) => (
          <Flex key={c} align="center" gap={6}>
            <span style={{ width: 12, height: 12, borderRadius: '50%', background: markerColour(c), border: '2px solid #fff', boxShadow: '0 0 0 1px #bbb', display: 'inline-block' }} />
            {t(`console.map.colours.${c}`)}
          </Flex>
        ))}
        <Flex align="center" gap={6}>
          <span style={{ width: 14, height: 10, border: '2px dashed #722ed1', display: 'inline-block' }} />
          {t('console.map.legendSpecial')}
        </Flex>
      </Flex>
    </div>
  );
}

function GridPanel({ feature, counts, onClose }: { feature: GridFeature; counts: GridCounts | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const code = feature.properties?.code ?? '';
  const node = useQuery({
    queryKey: ['territory', code],
    queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } })),
    enabled: !!code,
  });
  const village = node.data?.ancestors.find((a) => a.level === 'village');
  const town = node.data?.ancestors.find((a) => a.level === 'town');
  const kind = feature.properties?.kind === 'special' ? 'special' : 'basic';
  const statuses = [...(counts?.statuses ?? new Map<string, number>()).entries()];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {String(feature.properties?.name ?? code)}
        </Typography.Title>
        <Button size="small" type="text" onClick={onClose}>
          {t('console.map.close')}
        </Button>
      </Flex>
      {node.isError ? <Alert type="warning" showIcon message={t('console.map.ancestorsFailed', { message: errorMessage(node.error, t) })} /> : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('console.map.gridCode')}>{code}</Descriptions.Item>
        <Descriptions.Item label={t('console.map.kind')}>
          <Tag color={kind === 'special' ? 'purple' : 'blue'}>{t(`console.map.kinds.${kind}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('console.map.village')}>{node.isLoading ? <Spin size="small" /> : (village?.name ?? '—')}</Descriptions.Item>
        <Descriptions.Item label={t('console.map.town')}>{node.isLoading ? <Spin size="small" /> : (town?.name ?? '—')}</Descriptions.Item>
        <Descriptions.Item label={t('console.map.openCases')}>
          <Typography.Text strong>{counts?.total ?? 0}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {counts && counts.total > 0 ? (
        <>
          <div>
            <Typography.Text type="secondary">{t('console.map.byColour')}</Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              {(['red', 'yellow', 'green'] as const).map((c) => (
                <Tag key={c} color={c === 'red' ? 'red' : c === 'yellow' ? 'gold' : 'green'}>
                  {t(`console.map.colours.${c}`)} {counts.colours[c] ?? 0}
                </Tag>
              ))}
            </Flex>
          </div>
          <div>
            <Typography.Text type="secondary">{t('console.map.byStatus')}</Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 4 }}>
              {statuses.map(([label, n]) => (
                <Tag key={label}>
                  {label} {n}
                </Tag>
              ))}
            </Flex>
          </div>
        </>
      ) : (
        <Typography.Text type="secondary">{t('console.map.noOpenCases')}</Typography.Text>
      )}
      <Link to={`/console/cases?territory=${encodeURIComponent(code)}`}>
        <Button type="primary" block>
          {t('console.map.openInbox')}
        </Button>
      </Link>
    </Flex>
  );
}

/** The outlines of the grids these cases lie in (each answers for whoever holds a case there), eight requests at a time. */
async function outlinesOf(codes: string[]): Promise<GridCollection> {
  const nodes = [];
  for (let i = 0; i < codes.length; i += 8) {
    const batch = codes.slice(i, i + 8);
    nodes.push(...(await Promise.all(batch.map((code) => call(api.GET('/api/v1/territories/{code}', { params: { path: { code }, query: { geometry: 'true' } } }))))));
  }
  return {
    type: 'FeatureCollection',
    features: nodes
      .filter((n) => n.geometry)
      .map((n) => ({ type: 'Feature', geometry: n.geometry as GridFeature['geometry'], properties: { code: n.code, name: n.name, kind: n.gridKind } })),
  };
}

/**
 * /console/map: the actor's grids shaded by open cases, with the cases as coloured dots. Staff without
 * territory (a department) see the grids of the open cases their unit holds instead.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const holdsTerritory = (user?.nodes.length ?? 0) > 0;
  const [loaded, setLoaded] = useState(0);
  const [selected, setSelected] = useState<GridFeature | null>(null);

  const territoryGrids = useQuery({
    queryKey: ['grids', 'export', 'all'],
    queryFn: async () => (await call(api.GET('/api/v1/grids/export'))) as unknown as GridCollection,
    staleTime: 5 * 60_000,
    enabled: holdsTerritory,
  });
  // Open (still being worked on) as the server's state machine says.
  const openStatuses = useCaseStatuses().open;
  const cases = useQuery({
    queryKey: ['map', 'openCases'],
    enabled: !!openStatuses,
    queryFn: async () => {
      const items: CaseSummary[] = [];
      let cursor: string | undefined;
      setLoaded(0);
      do {
        const page = await call(api.GET('/api/v1/cases', { params: { query: { status: openStatuses!.join(','), limit: PAGE, cursor } } }));
        items.push(...page.items);
        setLoaded(items.length);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < MAX_CASES);
      return { items, capped: !!cursor };
    },
  });

  const caseGridCodes = useMemo(
    () => [...new Set((cases.data?.items ?? []).map((c) => c.grid?.code).filter((code): code is string => !!code))].sort(),
    [cases.data],
  );
  const caseGrids = useQuery({
    queryKey: ['grids', 'of-cases', caseGridCodes],
    queryFn: () => outlinesOf(caseGridCodes),
    enabled: !holdsTerritory && !!cases.data,
    staleTime: 5 * 60_000,
  });
  const grids = holdsTerritory ? territoryGrids : caseGrids;

  const counts = useMemo(() => {
    const byGrid = new Map<string, GridCounts>();
    for (const c of cases.data?.items ?? []) {
      const code = c.grid?.code;
      if (!code) continue;
      let entry = byGrid.get(code);
      if (!entry) byGrid.set(code, (entry = { total: 0, colours: {}, statuses: new Map() }));
      entry.total += 1;
      entry.colours[c.colour] = (entry.colours[c.colour] ?? 0) + 1;
      entry.statuses.set(c.statusLabel, (entry.statuses.get(c.statusLabel) ?? 0) + 1);
    }
    return byGrid;
  }, [cases.data]);

  const fills = useMemo(() => {
    const result: Record<string, string> = {};
    for (const f of grids.data?.features ?? []) {
      const code = f?.properties?.code;
      if (code) result[code] = shadeFor(counts.get(code)?.total ?? 0);
    }
    return result;
  }, [grids.data, counts]);

  const markers = useMemo<GridMapMarker[]>(
    () =>
      (cases.data?.items ?? [])
        .filter((c) => c.lat != null && c.lng != null)
        .map((c) => ({
          id: c.id,
          lat: c.lat!,
          lng: c.lng!,
          colour: c.colour,
          title: `${c.number} · ${c.category?.name ?? ''} · ${c.statusLabel}`,
          onClick: () => navigate(`/console/cases/${c.id}`),
        })),
    [cases.data, navigate],
  );
  const unlocated = (cases.data?.items.length ?? 0) - markers.length;
  const gridCount = grids.data?.features.length ?? 0;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('console.map.title')}
        </Typography.Title>
        <Space wrap>
          {grids.data && cases.data ? (
            <Typography.Text type="secondary">{t('console.map.summary', { grids: gridCount, cases: cases.data.items.length })}</Typography.Text>
          ) : null}
          {cases.data?.capped ? <Tag color="orange">{t('console.map.capped', { count: cases.data.items.length })}</Tag> : null}
          {unlocated > 0 ? <Tag>{t('console.map.noLocation', { count: unlocated })}</Tag> : null}
          {cases.isFetching ? (
            <Typography.Text type="secondary">
              <Spin size="small" /> {t('console.map.loadingCases', { count: loaded })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([grids.refetch(), cases.refetch()])} disabled={cases.isFetching || grids.isFetching}>
            {t('console.map.refresh')}
          </Button>
        </Space>
      </Flex>
      {grids.isError ? (
        <Alert
          type="error"
          showIcon
          message={t('console.map.gridsFailed', { message: errorMessage(grids.error, t) })}
          action={<Button onClick={() => void grids.refetch()}>{t('console.map.retry')}</Button>}
        />
      ) : null}
      {cases.isError ? (
        <Alert
          type="warning"
          showIcon
          message={t('console.map.casesFailed', { message: errorMessage(cases.error, t) })}
          action={<Button onClick={() => void cases.refetch()}>{t('console.map.retry')}</Button>}
        />
      ) : null}
      {holdsTerritory && grids.data && gridCount === 0 ? <Alert type="info" showIcon message={t('console.map.noGrids')} /> : null}
      {!holdsTerritory && cases.data ? (
        <Alert type="info" showIcon message={cases.data.items.length === 0 ? t('console.map.unitNoCases') : t('console.map.unitCases')} data-testid="map-unit-hint" />
      ) : null}
      <Flex gap={12} align="stretch">
        <div style={{ flex: 1, minWidth: 0, position: 'relative' }}>
          <GridMap
            grids={grids.data}
            fills={fills}
            markers={markers}
            selectedCode={selected?.properties?.code ?? null}
            onGridClick={setSelected}
            height="max(440px, calc(100vh - 150px))"
            overlay={<Legend />}
          />
          {grids.isLoading ? (
            <div style={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center', background: 'rgba(255,255,255,.6)', zIndex: 1100 }}>
              <Spin size="large" tip={t('console.map.loadingGrids')}>
                <div style={{ width: 160, height: 60 }} />
              </Spin>
            </div>
          ) : null}
        </div>
        <Card size="small" title={t('console.map.panelTitle')} style={{ width: 300, flex: 'none', alignSelf: 'flex-start' }}>
          {selected ? (
            <GridPanel key={selected.properties?.code} feature={selected} counts={counts.get(selected.properties?.code ?? '')} onClose={() => setSelected(null)} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('console.map.panelHint')} />
          )}
        </Card>
      </Flex>
    </Flex>
  );
}
