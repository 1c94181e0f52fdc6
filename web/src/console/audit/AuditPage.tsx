import { ReloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { auditText } from '../../i18n/zh/audit';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';
import { actionLabel, AuditDataText, entityName, entityTypeLabel, shortId } from './auditLabels';

type AuditEntry = Schemas['AuditEntry'];
type AuditVerdict = Schemas['AuditVerdict'];
type Filters = { action?: string; actorId?: string; entityType?: string; entityId?: string; from?: string; to?: string };

const k = 'audit';
const filterKeys = ['action', 'actorId', 'entityType', 'entityId', 'from', 'to'] as const;
const actionPrefixes = ['case.', 'case.create', 'case.accept', 'case.dispatch', 'case.close', 'category.', 'category_group.', 'grid.import', 'photo.upload', 'auth.', 'user.', 'unit.', 'apikey.', 'resident.', 'pii.'];
const entityTypes = Object.keys(auditText.entityTypes);
const actorColour = { staff: 'blue', resident: 'green', integration: 'purple', public: 'default', system: 'gold' } as const;

function fetchPage(filters: Filters, cursor: string | null) {
  return call(api.GET('/api/v1/audit', { params: { query: { ...filters, limit: 50, ...(cursor ? { cursor } : {}) } } }));
}

/** The verdict of the chain check, as a person reads it. */
function VerdictAlert({ verdict }: { verdict: AuditVerdict }) {
  const { t } = useTranslation();
  const unsealed = verdict.unsealed ? t(`${k}.verify.unsealed`, { count: verdict.unsealed }) : null;
  if (verdict.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verdict"
        message={verdict.checked ? t(`${k}.verify.ok`, { checked: verdict.checked }) : t(`${k}.verify.okEmpty`)}
        description={
          <Space direction="vertical" size={2}>
            {verdict.headHash ? (
              <Typography.Text copyable={{ text: verdict.headHash }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {t(`${k}.verify.head`, { seq: verdict.headSeq, hash: verdict.headHash })}
              </Typography.Text>
            ) : null}
            {verdict.headHash ? <Typography.Text type="secondary">{t(`${k}.verify.headHint`)}</Typography.Text> : null}
            {unsealed ? <Typography.Text type="secondary">{unsealed}</Typography.Text> : null}
          </Space>
        }
      />
    );
  }
  const problem = verdict.problem!;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verdict"
      message={t(`${k}.verify.broken`, { seq: problem.seq, kind: t(`${k}.verify.kinds.${problem.kind}`) })}
      description={
        <Space direction="vertical" size={2}>
          <span>{problem.detail}</span>
          {problem.id ? <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{problem.id}</Typography.Text> : null}
          <Typography.Text type="secondary">{t(`${k}.verify.checkedBefore`, { checked: verdict.checked })}</Typography.Text>
          {unsealed ? <Typography.Text type="secondary">{unsealed}</Typography.Text> : null}
        </Space>
      }
    />
  );
}

/** Admin console: the audit trail with filters and keyset paging, and a check of its hash chain. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => Object.fromEntries(filterKeys.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : []))), [params]);
  const [form] = Form.useForm<{ action?: string; actorId?: string; entityType?: string; entityId?: string; time?: [Dayjs, Dayjs] | null }>();
  const [expanded, setExpanded] = useState<string[]>([]);

  const applyFilters = (next: Filters) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([key, v]) => [key, (v as string).trim()]));
    setParams(clean, { replace: true });
    form.setFieldsValue({ action: clean.action, actorId: clean.actorId, entityType: clean.entityType, entityId: clean.entityId });
  };

  const list = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit/verify')) });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t(`${k}.columns.at`), dataIndex: 'at', width: 150, render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span> },
    {
      title: t(`${k}.columns.action`),
      dataIndex: 'action',
      width: 190,
      render: (action: string) => (
        <Tooltip title={action}>
          <Tag style={{ cursor: 'pointer' }} onClick={() => applyFilters({ ...filters, action })}>
            {actionLabel(t, action)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t(`${k}.columns.actor`),
      key: 'actor',
      width: 200,
      render: (_, row) => (
        <Space size={4} wrap>
          <Tag color={actorColour[row.actor.kind]}>{t(`${k}.actorKinds.${row.actor.kind}`)}</Tag>
          {row.actor.id ? (
            <Tooltip title={`${t(`${k}.filterByActor`)} · ${row.actor.id}`}>
              <Typography.Link onClick={() => applyFilters({ ...filters, actorId: row.actor.id! })}>{row.actor.name ?? shortId(row.actor.id)}</Typography.Link>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t(`${k}.columns.entity`),
      key: 'entity',
      width: 220,
      render: (_, row) => {
        if (!row.entityType) return null;
        // A short id is a readable key (a date, a category code): shown with the name the details give.
        const readableId = row.entityId && row.entityId.length <= 12 ? row.entityId : null;
        const number = row.entityName ?? ([readableId, entityName(row.data)].filter(Boolean).join(' ') || null);
        const label = entityTypeLabel(t, row.entityType);
        return (
          <Space size={4} wrap>
            <span>{label}</span>
            {row.entityType === 'case' && row.entityId ? (
              <Link to={`/console/cases/${row.entityId}`}>{number ?? shortId(row.entityId)}</Link>
            ) : row.entityId ? (
              <Tooltip title={t(`${k}.filterByEntity`)}>
                <Typography.Link onClick={() => applyFilters({ ...filters, entityType: row.entityType!, entityId: row.entityId! })} style={number ? undefined : { fontFamily: 'monospace' }}>
                  {number ?? shortId(row.entityId)}
                </Typography.Link>
              </Tooltip>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: t(`${k}.columns.data`),
      dataIndex: 'data',
      ellipsis: true,
      render: (data: AuditEntry['data']) => <AuditDataText data={data} t={t} />,
    },
    {
      title: t(`${k}.columns.seq`),
      dataIndex: 'seq',
      width: 96,
      align: 'right',
      render: (seq: number | null) => (seq === null ? <Tag color="orange">{t(`${k}.unsealed`)}</Tag> : <span style={{ fontFamily: 'monospace' }}>#{seq}</span>),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" align="start" gap={16} wrap>
          <div style={{ flex: '1 1 420px' }}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t(`${k}.title`)}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t(`${k}.intro`)}
            </Typography.Paragraph>
          </div>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
            {verify.isPending ? t(`${k}.verify.running`) : t(`${k}.verify.button`)}
          </Button>
        </Flex>
        {verify.data ? (
          <div style={{ marginTop: 16 }}>
            <VerdictAlert verdict={verify.data} />
          </div>
        ) : null}
        {verify.error ? <Alert style={{ marginTop: 16 }} type="error" showIcon message={t(`${k}.verify.failed`, { message: errorMessage(verify.error, t) })} /> : null}
      </Card>

      <Card>
        <Form
          form={form}
          layout="inline"
          initialValues={{ action: filters.action, actorId: filters.actorId, entityType: filters.entityType, entityId: filters.entityId }}
          onFinish={(values) => {
            const [from, to] = values.time ?? [];
            applyFilters({
              action: values.action,
              actorId: values.actorId,
              entityType: values.entityType,
              entityId: values.entityId,
              from: from?.toISOString(),
              to: to?.toISOString(),
            });
          }}
          style={{ rowGap: 12, marginBottom: 16 }}
        >
          <Form.Item name="action" label={t(`${k}.filters.action`)}>
            <AutoComplete
              style={{ width: 200 }}
              placeholder={t(`${k}.filters.actionPlaceholder`)}
              options={actionPrefixes.map((value) => ({ value, label: value.endsWith('.') ? value : `${actionLabel(t, value)} (${value})` }))}
              filterOption={(input, option) => String(option?.value ?? '').startsWith(input)}
              allowClear
            />
          </Form.Item>
          <Form.Item name="entityType" label={t(`${k}.filters.entityType`)}>
            <AutoComplete
              style={{ width: 150 }}
              options={entityTypes.map((value) => ({ value, label: `${entityTypeLabel(t, value)} (${value})` }))}
              allowClear
            />
          </Form.Item>
          <Form.Item name="entityId" label={t(`${k}.filters.entityId`)}>
            <Input style={{ width: 180 }} allowClear />
          </Form.Item>
          <Form.Item name="actorId" label={t(`${k}.filters.actorId`)}>
            <Input style={{ width: 180 }} allowClear />
          </Form.Item>
          <Form.Item name="time" label={t(`${k}.filters.time`)}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t(`${k}.filters.search`)}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ action: undefined, actorId: undefined, entityType: undefined, entityId: undefined, time: null });
                  setParams({}, { replace: true });
                }}
              >
                {t(`${k}.filters.reset`)}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching} aria-label="reload" />
            </Space>
          </Form.Item>
        </Form>

        {list.error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t(`${k}.loadFailed`, { message: errorMessage(list.error, t) })} /> : null}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t(`${k}.empty`) }}
          expandable={{
            expandedRowKeys: expanded,
            onExpandedRowsChange: (keys) => setExpanded(keys as string[]),
            expandedRowRender: (row) => (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label="id">
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{row.id}</Typography.Text>
                </Descriptions.Item>
                {row.actor.id ? (
                  <Descriptions.Item label={t(`${k}.columns.actor`)}>
                    <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{row.actor.id}</Typography.Text>
                  </Descriptions.Item>
                ) : null}
                {row.entityId ? (
                  <Descriptions.Item label={t(`${k}.columns.entity`)}>
                    <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{row.entityId}</Typography.Text>
                  </Descriptions.Item>
                ) : null}
                {row.ip ? <Descriptions.Item label={t(`${k}.ip`)}>{row.ip}</Descriptions.Item> : null}
                <Descriptions.Item label={t(`${k}.columns.data`)}>
                  <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(row.data, null, 2)}</pre>
                </Descriptions.Item>
                {row.hash ? (
                  <Descriptions.Item label={t(`${k}.hash`)}>
                    <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{row.hash}</Typography.Text>
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            ),
          }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t(`${k}.loaded`, { count: items.length })}</Typography.Text>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t(`${k}.loadMore`)}
            </Button>
          ) : null}
        </Flex>
      </Card>
    </Space>
  );
}
