import { FilePdfOutlined, MobileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Select, Space, Spin, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';

type NodeInfo = Omit<Schemas['TerritoryNode']['children'][number], 'geometry'>;

/** The PDF links: plain GETs, so the browser opens them in a new tab with the session cookie. */
export const contactCardUrls = {
  grid: (code: string) => `/api/v1/contact-cards/grids/${encodeURIComponent(code)}.pdf`,
  village: (code: string) => `/api/v1/contact-cards/villages/${encodeURIComponent(code)}.pdf`,
  household: (id: string) => `/api/v1/contact-cards/households/${encodeURIComponent(id)}.pdf`,
  phonePage: (code: string) => `/r/card/${encodeURIComponent(code)}`,
};

/** 联系卡 beside a village or grid (territory page): the village's batch, or the grid's single card. */
export function ContactCardButton({ level, code }: { level: string; code: string }) {
  const { t } = useTranslation();
  if (level !== 'village' && level !== 'grid') return null;
  return (
    <Button icon={<FilePdfOutlined />} href={level === 'village' ? contactCardUrls.village(code) : contactCardUrls.grid(code)} target="_blank" data-testid="contact-card-button">
      {level === 'village' ? t('contactCards.batch') : t('contactCards.button')}
    </Button>
  );
}

function useNode(code: string | null) {
  return useQuery({
    queryKey: ['territory', code],
    enabled: Boolean(code),
    queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code: code! } } })),
  });
}

function GridLinks({ villageCode }: { villageCode: string }) {
  const { t } = useTranslation();
  const village = useNode(villageCode);
  if (village.isLoading) return <Spin size="small" />;
  if (village.isError) return <Alert type="error" showIcon message={errorMessage(village.error, t)} />;
  return (
    <Flex wrap gap={8}>
      {(village.data?.children ?? []).map((grid) => (
        <Space.Compact key={grid.code}>
          <Button size="small" icon={<FilePdfOutlined />} href={contactCardUrls.grid(grid.code)} target="_blank">
            {grid.name}
          </Button>
          <Button size="small" icon={<MobileOutlined />} href={contactCardUrls.phonePage(grid.code)} target="_blank" title={t('contactCards.phonePage')} />
        </Space.Compact>
      ))}
    </Flex>
  );
}

/**
 * /console/contact-cards: the villages of one's territory, each with its batch PDF (two cards per A4
 * sheet) and, expanded, every grid's single card and phone page.
 */
export default function ContactCardsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const roots = useMemo(() => user?.nodes ?? [], [user]);
  const county = roots.find((n) => n.level === 'county');
  const countyNode = useNode(county?.code ?? null);
  const towns: NodeInfo[] = county ? (countyNode.data?.children ?? []) : [];
  const [chosenTown, setChosenTown] = useState<string | null>(null);
  const townCode = county ? (chosenTown ?? towns[0]?.code ?? null) : (roots.find((n) => n.level === 'town')?.code ?? null);
  const townNode = useNode(townCode);
  const villages: Array<{ code: string; name: string }> = townCode
    ? (townNode.data?.children ?? [])
    : roots.filter((n) => n.level === 'village');
  const gridRoots = roots.filter((n) => n.level === 'grid');
  const isLoading = countyNode.isLoading || townNode.isLoading;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('contactCards.pageTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('contactCards.pageIntro')}
      </Typography.Paragraph>
      {county && (
        <Space>
          <span>{t('contactCards.town')}</span>
          <Select
            style={{ minWidth: 220 }}
            placeholder={t('contactCards.chooseTown')}
            value={townCode ?? undefined}
            onChange={setChosenTown}
            options={towns.map((town) => ({ value: town.code, label: town.name }))}
            data-testid="contact-cards-town"
          />
        </Space>
      )}
      <Card>
        {gridRoots.length > 0 && <GridLinksOf grids={gridRoots} />}
        {gridRoots.length === 0 && (
          <Table
            rowKey="code"
            loading={isLoading}
            dataSource={villages}
            pagination={false}
            locale={{ emptyText: <Empty description={t('contactCards.empty')} /> }}
            expandable={{ expandedRowRender: (village) => <GridLinks villageCode={village.code} /> }}
            columns={[
              { title: t('contactCards.village'), dataIndex: 'name' },
              { title: t('console.admin.territory.code'), dataIndex: 'code', width: 180 },
              {
                title: '',
                width: 200,
                render: (_, village) => (
                  <Button type="primary" icon={<FilePdfOutlined />} href={contactCardUrls.village(village.code)} target="_blank" data-testid={`batch-${village.code}`}>
                    {t('contactCards.batch')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}

/** A grid worker's own grids: their single cards. */
function GridLinksOf({ grids }: { grids: Array<{ code: string; name: string }> }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8}>
      {grids.map((grid) => (
        <Space.Compact key={grid.code}>
          <Button icon={<FilePdfOutlined />} href={contactCardUrls.grid(grid.code)} target="_blank">
            {grid.name}
          </Button>
          <Button icon={<MobileOutlined />} href={contactCardUrls.phonePage(grid.code)} target="_blank">
            {t('contactCards.phonePage')}
          </Button>
        </Space.Compact>
      ))}
    </Flex>
  );
}
