import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Progress, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { downloadCsv, type AssignmentCoverage } from './assignmentsApi';
import { codeOf, TerritoryTreeSelect, type NodeChoice } from '../people/TerritoryTreeSelect';

type TownRow = AssignmentCoverage['towns'][number];
type Place = AssignmentCoverage['villagesWithoutCadre'][number];
/** part / whole in % to one place; null when there is nothing to count (no data, never 100 %). */
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
/** `12（85.7%）`, or `0（—）` with nothing to count. */
const share = (part: number, whole: number) => `${part}（${percent(part, whole) === null ? '—' : `${percent(part, whole)}%`}）`;

/** 包联覆盖: villages without a cadre and grids without a contact, per town and in total, with CSV export. */
export default function CoveragePage() {
  const { t } = useTranslation();
  const [node, setNode] = useState<NodeChoice | undefined>();
  const [on, setOn] = useState<Dayjs>(dayjs());
  const k = 'assignments.coverage';
  const query = { node: node ? codeOf(node) : undefined, on: on.format('YYYY-MM-DD') };
  const report = useQuery({
    queryKey: ['assignment-coverage', query],
    queryFn: () => call(api.GET('/api/v1/assignments/coverage', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const c = report.data;

  const exportCsv = () => {
    if (!c) return;
    const rows: Array<Array<string | number>> = [
      [t(`${k}.town`), t(`${k}.villages`), t(`${k}.villagesCovered`), t(`${k}.grids`), t(`${k}.gridsCovered`), t(`${k}.cadres`)],
      ...c.towns.map((r) => [r.name, r.villages, r.villagesCovered, r.grids, r.gridsCovered, r.cadres]),
      [c.node.name, c.totals.villages, c.totals.villagesCovered, c.totals.grids, c.totals.gridsCovered, c.totals.cadres],
      [],
      [t(`${k}.gapsVillages`, { count: c.villagesWithoutCadre.length }), t(`${k}.town`), t(`${k}.code`)],
      ...c.villagesWithoutCadre.map((v) => [v.name, v.townName, v.code]),
      [],
      [t(`${k}.gapsGrids`, { count: c.gridsWithoutContact.length }), t(`${k}.town`), t(`${k}.village`), t(`${k}.code`)],
      ...c.gridsWithoutContact.map((g) => [g.name, g.townName, g.villageName ?? '', g.code]),
    ];
    downloadCsv(`包联覆盖-${c.node.name}-${c.on}.csv`, rows);
  };

  const placeColumns = (withVillage: boolean) => [
    {
      title: t(`${k}.name`),
      dataIndex: 'name',
      // Opens 包联管理 on the place, to assign someone.
      render: (name: string, p: Place) => <Link to={`/console/assignments?node=${withVillage ? 'grid' : 'village'}:${p.code}&label=${encodeURIComponent(name)}`}>{name}</Link>,
    },
    { title: t(`${k}.town`), dataIndex: 'townName' },
    ...(withVillage ? [{ title: t(`${k}.village`), dataIndex: 'villageName' }] : []),
    { title: t(`${k}.code`), dataIndex: 'code' },
  ];

  return (
    <div>
      <Typography.Title level={3}>{t(`${k}.title`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <TerritoryTreeSelect value={node} onChange={(v) => setNode(v as NodeChoice | undefined)} allowClear selectable={['county', 'town', 'village']} deepest="village" placeholder={c?.node.name ?? t(`${k}.node`)} style={{ width: 240 }} />
        <DatePicker value={on} onChange={(d) => setOn(d ?? dayjs())} allowClear={false} />
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!c} data-testid="coverage-export">
          {t(`${k}.export`)}
        </Button>
      </Space>
      {report.error ? <Alert type="error" showIcon message={errorMessage(report.error, t)} style={{ marginBottom: 16 }} /> : null}
      {c ? (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${c.node.name} · ${t(`${k}.summary`, { cadres: c.totals.cadres.toLocaleString(), villages: c.totals.villagesCovered, grids: c.totals.gridsCovered.toLocaleString() })}`} />
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t(`${k}.cadres`)} value={c.totals.cadres} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={`${t(`${k}.villages`)} · ${t(`${k}.villagesCovered`)}`} value={c.totals.villagesCovered} suffix={`/ ${c.totals.villages}`} />
                {c.totals.villages === 0 ? null : <Progress percent={percent(c.totals.villagesCovered, c.totals.villages)!} size="small" />}
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={`${t(`${k}.grids`)} · ${t(`${k}.gridsCovered`)}`} value={c.totals.gridsCovered} suffix={`/ ${c.totals.grids}`} />
                {c.totals.grids === 0 ? null : <Progress percent={percent(c.totals.gridsCovered, c.totals.grids)!} size="small" />}
              </Card>
            </Col>
          </Row>
          <Table<TownRow>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={c.towns}
            style={{ marginBottom: 16 }}
            data-testid="coverage-towns"
            columns={[
              { title: t(`${k}.town`), dataIndex: 'name' },
              { title: t(`${k}.cadres`), dataIndex: 'cadres', align: 'right' },
              { title: t(`${k}.villages`), dataIndex: 'villages', align: 'right' },
              { title: t(`${k}.villagesCovered`), key: 'vc', align: 'right', render: (_, r) => share(r.villagesCovered, r.villages) },
              { title: t(`${k}.grids`), dataIndex: 'grids', align: 'right' },
              { title: t(`${k}.gridsCovered`), key: 'gc', align: 'right', render: (_, r) => share(r.gridsCovered, r.grids) },
            ]}
            // One town: its row is the total already.
            summary={() => c.towns.length <= 1 ? null : (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{c.node.name}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{c.totals.cadres}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{c.totals.villages}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{share(c.totals.villagesCovered, c.totals.villages)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{c.totals.grids}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{share(c.totals.gridsCovered, c.totals.grids)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Tabs
            items={[
              {
                key: 'villages',
                label: t(`${k}.gapsVillages`, { count: c.villagesWithoutCadre.length }),
                children: <Table<Place> rowKey="id" size="small" dataSource={c.villagesWithoutCadre} columns={placeColumns(false)} locale={{ emptyText: t(`${k}.none`) }} pagination={{ pageSize: 20, hideOnSinglePage: true }} />,
              },
              {
                key: 'grids',
                label: t(`${k}.gapsGrids`, { count: c.gridsWithoutContact.length }),
                children: <Table<Place> rowKey="id" size="small" dataSource={c.gridsWithoutContact} columns={placeColumns(true)} locale={{ emptyText: t(`${k}.none`) }} pagination={{ pageSize: 20, hideOnSinglePage: true }} />,
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
