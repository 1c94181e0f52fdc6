import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Spin, Tag, Tooltip, Tree, Typography } from 'antd';
import type { Geometry } from 'geojson';
import { useCallback, useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import GridMap, { type GridCollection } from '../../shared/map/GridMap';
import { ContactCardButton } from '../contact-cards/ContactCardsPage';
import { VillageLadderCard } from '../assignments/VillageLadderCard';
import { downloadGeoJson } from './download';

type TerritoryNode = Schemas['TerritoryNode'];
type NodeInfo = Omit<TerritoryNode['children'][number], 'geometry'>;

interface TreeItem {
  key: string;
  info: NodeInfo;
  isLeaf: boolean;
  children?: TreeItem[];
}

function toItem(info: NodeInfo): TreeItem {
  return { key: info.code, info, isLeaf: info.level === 'grid' };
}

function withChildren(list: TreeItem[], key: string, children: TreeItem[]): TreeItem[] {
  return list.map((item) => {
    if (item.key === key) return { ...item, children };
    if (item.children) return { ...item, children: withChildren(item.children, key, children) };
    return item;
  });
}

function NodeTags({ info }: { info: NodeInfo }) {
  const { t } = useTranslation();
  const k = 'console.admin.territory';
  return (
    <>
      <Tag style={{ marginInlineEnd: 4 }}>{info.villageKind ? t(`${k}.villageKinds.${info.villageKind}`) : t(`${k}.levels.${info.level}`)}</Tag>
      {info.gridKind ? (
        <Tag color={info.gridKind === 'special' ? 'purple' : 'blue'} style={{ marginInlineEnd: 4 }}>
          {t(`${k}.kinds.${info.gridKind}`)}
          {info.specialType ? ` · ${info.specialType}` : ''}
        </Tag>
      ) : null}
      {info.isGenerated ? (
        <Tooltip title={t(`${k}.generatedHint`)}>
          <Tag color="default" bordered={false} style={{ color: '#8c8c8c', marginInlineEnd: 0 }}>
            {t(`${k}.generated`)}
          </Tag>
        </Tooltip>
      ) : null}
    </>
  );
}

function NodeDetail({ code, onSelect }: { code: string; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const k = 'console.admin.territory';
  const node = useQuery({
    queryKey: ['territory', code, 'geometry'],
    queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code }, query: { geometry: 'true' } } })),
  });
  const [exporting, setExporting] = useState(false);
  const data = node.data;
  const collection = useMemo<GridCollection | null>(() => {
    if (!data) return null;
    const shapes = data.children.length > 0 ? data.children : [{ ...data }];
    return {
      type: 'FeatureCollection',
      features: shapes
        .filter((c) => c.geometry)
        .map((c) => ({
          type: 'Feature' as const,
          properties: { code: c.code, name: c.name, kind: c.gridKind },
          geometry: c.geometry as Geometry,
        })),
    };
  }, [data]);
  const outline = data && data.children.length > 0 ? ((data.geometry as Geometry | null) ?? null) : null;

  const exportGrids = async () => {
    setExporting(true);
    try {
      const fc = await call(api.GET('/api/v1/grids/export', { params: { query: { under: code } } }));
      downloadGeoJson(fc, `grids-${code}.geojson`);
      message.success(t('console.admin.gridImport.exported', { count: fc.features.length }));
    } catch (error) {
      message.error(t('console.admin.gridImport.exportFailed', { message: errorMessage(error, t) }));
    } finally {
      setExporting(false);
    }
  };

  if (node.isLoading) {
    return (
      <div style={{ minHeight: 320, display: 'grid', placeItems: 'center' }}>
        <Spin tip={t('common.loading')}>
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  }
  if (node.isError || !data) {
    return (
      <Alert
        type="error"
        showIcon
        message={t(`${k}.loadFailed`, { message: errorMessage(node.error, t) })}
        action={<Button onClick={() => void node.refetch()}>{t('console.admin.retry')}</Button>}
      />
    );
  }
  const hasShapes = (collection?.features.length ?? 0) > 0;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {data.name}
          </Typography.Title>
          <NodeTags info={data} />
        </Flex>
        <Flex gap={8}>
          <ContactCardButton level={data.level} code={data.code} />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportGrids()}>
            {t(`${k}.exportGrids`)}
          </Button>
        </Flex>
      </Flex>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t(`${k}.code`)}>{data.code}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.ancestors`)}>{data.ancestors.map((a) => a.name).join(' / ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t(`${k}.children`)}>{t(`${k}.childrenCount`, { count: data.children.length })}</Descriptions.Item>
      </Descriptions>
      {hasShapes || outline ? (
        <GridMap grids={collection} outline={outline} height={440} onGridClick={(f) => f.properties?.code && f.properties.code !== code && onSelect(f.properties.code)} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${k}.noGeometry`)} />
      )}
      {/* 督办阶梯 of a village (a grid shows its village's, with the grid's own contacts). */}
      {data.level === 'village' || data.level === 'grid' ? <VillageLadderCard nodeCode={data.code} /> : null}
    </Flex>
  );
}

/** /console/territory: the territory tree (loaded level by level) and a map of the selected node's children. */
export default function TerritoryPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const k = 'console.admin.territory';
  const rootCodes = useMemo(() => (user?.nodes ?? []).map((n) => n.code), [user]);
  const roots = useQuery({
    queryKey: ['territory', 'roots', rootCodes],
    queryFn: () => Promise.all(rootCodes.map((code) => call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } })))),
    enabled: rootCodes.length > 0,
  });
  // The tree as loaded so far; null until the roots arrive.
  const [tree, setTree] = useState<TreeItem[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[]>(() => rootCodes);
  const [loadError, setLoadError] = useState<string | null>(null);

  const items = useMemo<TreeItem[]>(() => {
    if (tree) return tree;
    return (roots.data ?? []).map((n) => ({ ...toItem(n), children: n.children.map(toItem) }));
  }, [tree, roots.data]);

  const loadData = useCallback(
    async (treeNode: { key: Key; children?: unknown[] }) => {
      if (treeNode.children) return;
      const code = String(treeNode.key);
      try {
        const node = await call(api.GET('/api/v1/territories/{code}', { params: { path: { code } } }));
        setLoadError(null);
        setTree((current) => withChildren(current ?? items, code, node.children.map(toItem)));
      } catch (error) {
        setLoadError(t(`${k}.childrenFailed`, { message: errorMessage(error, t) }));
      }
    },
    [items, t],
  );

  const selectedOnLoad = selected ?? rootCodes[0] ?? null;

  if (rootCodes.length === 0) return <Alert type="warning" showIcon message={t(`${k}.noNodes`)} />;
  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Typography.Text type="secondary">{t(`${k}.hint`)}</Typography.Text>
      </div>
      {loadError ? <Alert type="warning" showIcon closable message={loadError} onClose={() => setLoadError(null)} /> : null}
      <Flex gap={12} align="start">
        <Card size="small" style={{ width: 380, flex: 'none' }} styles={{ body: { height: 'max(420px, calc(100vh - 200px))', overflow: 'auto' } }}>
          {roots.isLoading ? (
            <Spin tip={t('common.loading')}>
              <div style={{ height: 80 }} />
            </Spin>
          ) : roots.isError ? (
            <Alert
              type="error"
              showIcon
              message={t(`${k}.loadFailed`, { message: errorMessage(roots.error, t) })}
              action={<Button onClick={() => void roots.refetch()}>{t('console.admin.retry')}</Button>}
            />
          ) : (
            <Tree<TreeItem>
              treeData={items}
              loadData={loadData}
              showLine
              blockNode
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selectedOnLoad ? [selectedOnLoad] : []}
              onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
              titleRender={(item) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <span style={{ marginInlineEnd: 6 }}>{item.info.name}</span>
                  <NodeTags info={item.info} />
                </span>
              )}
            />
          )}
        </Card>
        <Card size="small" style={{ flex: 1, minWidth: 0 }}>
          {selectedOnLoad ? (
            <NodeDetail key={selectedOnLoad} code={selectedOnLoad} onSelect={setSelected} />
          ) : (
            <Empty description={t(`${k}.selectHint`)} />
          )}
        </Card>
      </Flex>
    </Flex>
  );
}
