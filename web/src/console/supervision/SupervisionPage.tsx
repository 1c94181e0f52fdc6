import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { CellText } from '../CellText';
import { formatTime } from '../cases/format';
import { AcknowledgeModal, k, NoticeKindTag, noticeKinds, OverdueTag, PrintButton, type Notice } from './noticeParts';

const pageSize = 20;

/** Console: supervision notices (督办单) in scope, with filters, acknowledgement and printing. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [acknowledging, setAcknowledging] = useState<Notice | null>(null);
  const unacknowledged = params.get('unacknowledged') === 'true';
  const mine = params.get('mine') === 'true';
  const kind = (params.get('kind') ?? undefined) as Notice['kind'] | undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };

  const query = { ...(unacknowledged ? { unacknowledged: 'true' as const } : {}), ...(mine ? { mine: 'true' as const } : {}), ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const list = useQuery({
    queryKey: ['supervision', 'list', query, page],
    queryFn: () => call(api.GET('/api/v1/supervision-notices', { params: { query: { ...query, limit: pageSize, offset: (page - 1) * pageSize } } })),
  });

  const hasMore = (n: Notice) => Boolean(n.note || n.reply);
  const columns: TableColumnsType<Notice> = [
    { title: t(`${k}.columns.number`), dataIndex: 'number', width: 210, render: (n: string) => <Typography.Text style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{n}</Typography.Text> },
    { title: t(`${k}.columns.case`), key: 'case', width: 175, render: (_, n) => <Link to={`/console/cases/${n.caseId}`} style={{ whiteSpace: 'nowrap' }}>{n.caseNumber}</Link> },
    {
      title: t(`${k}.columns.kind`),
      key: 'kind',
      width: 220,
      render: (_, n) => (
        <Space size={4} wrap>
          <NoticeKindTag kind={n.kind} />
          <OverdueTag notice={n} />
          {n.autoEscalation === 'escalated' ? <Tag color="gold">{t(`${k}.escalation.escalated`, { level: t(`${k}.levels.${n.escalatedToLevel ?? 'town'}`) })}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t(`${k}.columns.issuedAt`),
      key: 'issued',
      width: 150,
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(n.issuedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {n.issuedBy?.name ?? t(`${k}.system`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t(`${k}.columns.addressees`),
      key: 'to',
      width: 240,
      ellipsis: { showTitle: false },
      render: (_, n) => <CellText text={n.addressees.map((a) => a.name).join('、')} testId="notice-addressees" />,
    },
    {
      title: t(`${k}.columns.status`),
      key: 'status',
      width: 210,
      render: (_, n) => (
        <Space size={4} wrap>
          {n.acknowledgedAt ? <Tag color="success">{t(`${k}.acknowledged`)}</Tag> : <Tag color="warning">{t(`${k}.unacknowledged`)}</Tag>}
          {n.canAcknowledge ? (
            <Button size="small" type="primary" onClick={() => setAcknowledging(n)} data-testid={`ack-${n.number}`}>
              {t(`${k}.acknowledge`)}
            </Button>
          ) : null}
          <PrintButton notice={n} />
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t(`${k}.title`)}
        </Typography.Title>
        <Typography.Text type="secondary">{t(`${k}.intro`)}</Typography.Text>
      </div>
      <Card size="small">
        <Flex gap={16} wrap align="center">
          <Space>
            <Switch checked={unacknowledged} onChange={(v) => setFilter('unacknowledged', v ? 'true' : undefined)} data-testid="filter-unacknowledged" />
            {t(`${k}.filters.unacknowledged`)}
          </Space>
          <Space>
            <Switch checked={mine} onChange={(v) => setFilter('mine', v ? 'true' : undefined)} />
            {t(`${k}.filters.mine`)}
          </Space>
          <Select
            style={{ width: 180 }}
            allowClear
            placeholder={t(`${k}.filters.allKinds`)}
            value={kind}
            onChange={(v?: string) => setFilter('kind', v)}
            options={noticeKinds.map((value) => ({ value, label: t(`${k}.kinds.${value}`) }))}
          />
          <DatePicker.RangePicker
            onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
              const next = new URLSearchParams(params);
              for (const [key, day] of [['from', range?.[0]], ['to', range?.[1]]] as const) {
                if (day) next.set(key, day.format('YYYY-MM-DD'));
                else next.delete(key);
              }
              setParams(next, { replace: true });
              setPage(1);
            }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} />
          <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t(`${k}.filters.reset`)}</Button>
        </Flex>
      </Card>
      {list.error ? <Alert type="error" showIcon message={t(`${k}.loadFailed`, { message: errorMessage(list.error, t) })} /> : null}
      <Table<Notice>
        rowKey="id"
        size="middle"
        scroll={{ x: 1250 }}
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t(`${k}.empty`) }}
        expandable={{
          rowExpandable: hasMore,
          // The expand arrow only takes room when a row on the page has a note or a reply to show.
          showExpandColumn: (list.data?.items ?? []).some(hasMore),
          columnWidth: 32,
          expandedRowRender: (n) => (
            <Space direction="vertical" size={2}>
              {n.note ? <Typography.Text>{n.note}</Typography.Text> : null}
              {n.reply ? (
                <Typography.Text type="secondary">
                  {t(`${k}.replyLabel`)}{t('common.colon')}{n.reply}（{n.acknowledgedBy?.name} · {formatTime(n.acknowledgedAt)}）
                </Typography.Text>
              ) : null}
            </Space>
          ),
        }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showTotal: (count) => t(`${k}.total`, { count }) }}
      />
      <AcknowledgeModal notice={acknowledging} onClose={() => setAcknowledging(null)} />
    </Space>
  );
}
