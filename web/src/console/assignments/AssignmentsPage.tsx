import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Input, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { AssignmentCreateModal } from './AssignmentCreateModal';
import { AssignmentImportModal } from './AssignmentImportModal';
import { tiers, type Assignment, type Tier } from './assignmentsApi';
import { codeOf, levelOf, TerritoryTreeSelect, type NodeChoice } from '../people/TerritoryTreeSelect';
import { VillageLadderCard } from './VillageLadderCard';

const pageSize = 20;
const stateColour = { active: 'green', upcoming: 'blue', ended: 'default' } as const;

/** 包联管理: assignments under the caller's nodes, with the ladder of the village chosen in the filter. */
export default function AssignmentsPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const canManage = user?.permissions.includes('assignment:admin') ?? false;
  const [params] = useSearchParams();
  // Links from the coverage report open on a place: ?node=<level>:<code>&label=<name>.
  const [node, setNode] = useState<NodeChoice | undefined>(params.get('node') ? { value: params.get('node')!, label: params.get('label') ?? params.get('node')! } : undefined);
  const [tier, setTier] = useState<Tier | undefined>();
  const [history, setHistory] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const k = 'assignments.list';

  const query = { node: node ? codeOf(node) : undefined, tier, history: history ? ('true' as const) : ('false' as const), limit: pageSize, offset: (page - 1) * pageSize };
  const list = useQuery({
    queryKey: ['assignments', query, i18n.language],
    queryFn: () => call(api.GET('/api/v1/assignments', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const ladderNode = node && (levelOf(node) === 'village' || levelOf(node) === 'grid') ? codeOf(node) : undefined;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['assignments'] });
    await queryClient.invalidateQueries({ queryKey: ['assignment-ladder'] });
  };

  const end = (a: Assignment) => {
    let endsOn: Dayjs = dayjs();
    modal.confirm({
      title: t(`${k}.endTitle`),
      content: (
        <Space direction="vertical">
          <span>{`${a.staff.displayName} · ${a.node.name} · ${t(`assignments.tiers.${a.tier}`)}`}</span>
          <Space>
            {t(`${k}.endOn`)}
            <DatePicker defaultValue={endsOn} onChange={(d) => (endsOn = d ?? dayjs())} />
          </Space>
        </Space>
      ),
      onOk: async () => {
        try {
          await call(api.POST('/api/v1/assignments/{id}/end', { params: { path: { id: a.id } }, body: { version: a.version, endsOn: endsOn.format('YYYY-MM-DD') } }));
          message.success(t(`${k}.ended`));
          await refresh();
        } catch (error) {
          message.error(errorMessage(error, t));
        }
      },
    });
  };

  const editNote = (a: Assignment) => {
    let note = a.note ?? '';
    modal.confirm({
      title: t(`${k}.editNote`),
      icon: null,
      content: <Input defaultValue={note} maxLength={200} onChange={(e) => (note = e.target.value)} />,
      onOk: async () => {
        try {
          await call(api.PATCH('/api/v1/assignments/{id}', { params: { path: { id: a.id } }, body: { version: a.version, note: note.trim() || null } }));
          message.success(t(`${k}.saved`));
          await refresh();
        } catch (error) {
          message.error(errorMessage(error, t));
        }
      },
    });
  };

  const columns: TableColumnsType<Assignment> = [
    {
      title: t(`${k}.staff`),
      key: 'staff',
      width: 220,
      render: (_, a) => (
        <div>
          <Typography.Text strong>{a.staff.displayName}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ display: 'block', fontSize: 12, maxWidth: 204 }}>
            {[a.staff.title, a.staff.phone, a.staff.unitName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    { title: t(`${k}.place`), key: 'place', render: (_, a) => [a.node.townName, a.node.villageName, a.node.name].filter((v, i, all) => v && all.indexOf(v) === i).join(' / ') },
    { title: t(`${k}.tier`), dataIndex: 'tier', width: 170, render: (v: Tier) => t(`assignments.tiers.${v}`) },
    { title: t(`${k}.period`), key: 'period', width: 120, render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{a.startsOn}<br />{`~ ${a.endsOn ?? t(`${k}.untilFurther`)}`}</span> },
    { title: t(`${k}.state`), dataIndex: 'state', width: 80, render: (v: Assignment['state']) => <Tag color={stateColour[v]}>{t(`assignments.states.${v}`)}</Tag> },
    { title: t(`${k}.note`), dataIndex: 'note', ellipsis: true, width: 110 },
    ...(canManage
      ? [
          {
            title: t(`${k}.actions`),
            key: 'actions',
            width: 110,
            render: (_: unknown, a: Assignment) => (
              <Space size="small">
                <Button size="small" type="link" onClick={() => editNote(a)}>
                  {t(`${k}.editNote`)}
                </Button>
                {a.endedAt ? null : (
                  <Button size="small" type="link" danger onClick={() => end(a)}>
                    {t(`${k}.end`)}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <Typography.Title level={3}>{t(`${k}.title`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <TerritoryTreeSelect
          value={node}
          onChange={(v) => {
            setNode(v as NodeChoice | undefined);
            setPage(1);
          }}
          allowClear
          placeholder={t(`${k}.node`)}
          style={{ width: 260 }}
          data-testid="assignments-node"
        />
        <Select allowClear placeholder={t(`${k}.allTiers`)} style={{ width: 200 }} value={tier} onChange={(v?: Tier) => (setTier(v), setPage(1))} options={tiers.map((v) => ({ value: v, label: t(`assignments.tiers.${v}`) }))} />
        <Space>
          <Switch checked={history} onChange={(v) => (setHistory(v), setPage(1))} />
          {t(`${k}.history`)}
        </Space>
        {canManage ? (
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="assignment-add">
              {t(`${k}.add`)}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t(`${k}.import`)}
            </Button>
          </>
        ) : null}
      </Space>
      <Row gutter={16}>
        <Col xs={24} xxl={18}>
          <Table<Assignment>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            columns={columns}
            locale={list.error ? { emptyText: errorMessage(list.error, t) } : undefined}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count) => t(`${k}.total`, { count }) }}
          />
        </Col>
        <Col xs={24} xxl={6}>
          <VillageLadderCard nodeCode={ladderNode} />
        </Col>
      </Row>
      <AssignmentCreateModal open={creating} onClose={() => setCreating(false)} />
      <AssignmentImportModal open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
