import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { CoverageChart } from './CoverageChart';

type Coverage = Schemas['VisitCoverage'];
const percent = (rate: number) => Math.round(rate * 1000) / 10;

/** A rate as a bar, or "—" when there was nothing to count (the API gives null: no data, not 100 %). */
function RateCell({ rate }: { rate: number | null }) {
  const { t } = useTranslation();
  return rate === null ? <span title={t('visits.coverage.noData')}>—</span> : <Progress percent={percent(rate)} size="small" />;
}

/** 走访覆盖率: the node's coverage, its children (click to drill down), cadres behind schedule, households not visited. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const [trail, setTrail] = useState<Array<{ id: string; name: string }>>([]);
  // Starts at today, as 包联覆盖 does (the API's own default), so the picker never reads empty.
  const today = () => dayjs().format('YYYY-MM-DD');
  const [asOf, setAsOf] = useState<string>(today);
  const [page, setPage] = useState(1);
  const node = trail.at(-1)?.id;
  const coverage = useQuery({
    queryKey: ['visit-coverage', node, asOf, page],
    queryFn: () => call(api.GET('/api/v1/visits/coverage', { params: { query: { ...(node ? { node } : {}), asOf, page, pageSize: 20 } } })),
  });
  const data = coverage.data;
  const drill = useCallback(
    (id: string) => {
      const child = data?.children.find((c) => c.id === id);
      if (!child || child.level === 'grid') return;
      setTrail((current) => [...(current.length ? current : data ? [{ id: data.node.id, name: data.node.name }] : []), { id: child.id, name: child.name }]);
      setPage(1);
    },
    [data],
  );
  const bars = useMemo(() => data?.children ?? [], [data]);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('visits.coverage.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('visits.coverage.intro')}</Typography.Paragraph>
      <Space wrap>
        <span>{t('visits.coverage.asOf')}</span>
        <DatePicker value={dayjs(asOf)} onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : today())} allowClear={false} data-testid="coverage-as-of" />
        {data && (
          <Breadcrumb
            items={(trail.length ? trail : [{ id: data.node.id, name: data.node.name }]).map((step, index, all) => ({
              title: index < all.length - 1 ? <a onClick={() => setTrail(all.slice(0, index + 1))}>{step.name}</a> : step.name,
            }))}
          />
        )}
      </Space>
      {coverage.error && <Alert type="error" message={errorMessage(coverage.error, t)} />}
      {data && <Summary data={data} />}
      {data && bars.length > 0 && (
        <Card size="small">
          <CoverageChart bars={bars} title={t('visits.coverage.chartTitle')} noData={t('visits.coverage.noData')} onPick={drill} />
        </Card>
      )}
      {data && (
        <Card size="small" title={t('visits.coverage.children')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.children}
            data-testid="coverage-children"
            columns={[
              { title: t('visits.coverage.node'), dataIndex: 'name', render: (name: string, row) => (row.level === 'grid' ? name : <a onClick={() => drill(row.id)}>{name}</a>) },
              { title: t('visits.coverage.visited'), dataIndex: 'visited', align: 'right' },
              { title: t('visits.coverage.total'), dataIndex: 'total', align: 'right' },
              { title: t('visits.coverage.rate'), dataIndex: 'rate', render: (rate: number | null) => <RateCell rate={rate} /> },
            ]}
          />
        </Card>
      )}
      {data && (
        <Card size="small" title={t('visits.coverage.cadres')}>
          <Table
            rowKey="staffId"
            size="small"
            pagination={{ pageSize: 10 }}
            dataSource={data.cadres}
            data-testid="coverage-cadres"
            columns={[
              { title: t('visits.coverage.cadre'), dataIndex: 'name' },
              { title: t('visits.coverage.planned'), dataIndex: 'plannedToDate', align: 'right' },
              { title: t('visits.coverage.done'), dataIndex: 'visitedOfPlanned', align: 'right' },
              { title: t('visits.coverage.behind'), dataIndex: 'behind', align: 'right', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
              { title: t('visits.coverage.visits'), dataIndex: 'visits', align: 'right' },
              { title: t('visits.coverage.rate'), dataIndex: 'rate', render: (rate: number | null) => <RateCell rate={rate} /> },
            ]}
          />
        </Card>
      )}
      {data && (
        <Card size="small" title={`${t('visits.coverage.notVisited')}（${data.notVisited.total}）`}>
          <Table
            rowKey="householdId"
            size="small"
            dataSource={data.notVisited.items}
            pagination={{ current: page, pageSize: data.notVisited.pageSize, total: data.notVisited.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('visits.coverage.address'), dataIndex: 'address' },
              { title: t('visits.coverage.grid'), dataIndex: 'gridName' },
              { title: t('visits.coverage.tags'), dataIndex: 'tags', render: (tags: Coverage['notVisited']['items'][number]['tags']) => tags.map((tag) => <Tag key={tag.code} color="volcano">{tag.label}</Tag>) },
              { title: t('visits.coverage.lastVisited'), dataIndex: 'lastVisitedAt', render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD') : t('visits.coverage.never')) },
            ]}
          />
        </Card>
      )}
      {trail.length > 1 && <Button onClick={() => setTrail(trail.slice(0, -1))}>{t('visits.coverage.up')}</Button>}
    </Space>
  );
}

function Summary({ data }: { data: Coverage }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col span={6}>
        <Card size="small">
          {data.node.rate === null ? (
            <Statistic title={t('visits.coverage.rate')} value={t('visits.coverage.noData')} data-testid="coverage-rate" />
          ) : (
            <Statistic title={t('visits.coverage.rate')} value={percent(data.node.rate)} suffix="%" data-testid="coverage-rate" />
          )}
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('visits.coverage.visited')} value={data.node.visited} data-testid="coverage-visited" />
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={t('visits.coverage.total')} value={data.node.total} />
        </Card>
      </Col>
      <Col span={6}>
        <Card size="small">
          <Statistic title={data.node.name} value={t('visits.coverage.cycle', { days: data.cycleDays })} valueStyle={{ fontSize: 16 }} />
        </Card>
      </Col>
    </Row>
  );
}
