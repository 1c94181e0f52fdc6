import { DeleteOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, List, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';

type RevealEntry = Schemas['RevealLogEntry'];
type ErasureReport = Schemas['ErasureReport'];
type Filters = { staff?: string; case?: string; from?: string; to?: string };

const k = 'privacy';
const filterKeys = ['staff', 'case', 'from', 'to'] as const;

/** Who revealed whose personal data, when and why: filters in the URL, keyset paging. */
function RevealsTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => Object.fromEntries(filterKeys.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : []))), [params]);
  const [form] = Form.useForm<{ staff?: string; case?: string; time?: [Dayjs, Dayjs] | null }>();

  const apply = (next: Filters) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([key, v]) => [key, (v as string).trim()]));
    setParams({ tab: 'reveals', ...clean }, { replace: true });
  };

  const list = useInfiniteQuery({
    queryKey: ['privacy', 'reveals', filters],
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/privacy/reveals', { params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const columns: TableColumnsType<RevealEntry> = [
    { title: t(`${k}.reveals.columns.at`), dataIndex: 'at', width: 150, render: (at: string) => <span className="wg-nowrap">{formatTime(at)}</span> },
    {
      title: t(`${k}.reveals.columns.staff`),
      key: 'staff',
      width: 170,
      render: (_, row) => (
        <Typography.Link onClick={() => apply({ ...filters, staff: row.staff.username })}>
          {row.staff.name} <Typography.Text type="secondary">({row.staff.username})</Typography.Text>
        </Typography.Link>
      ),
    },
    {
      title: t(`${k}.reveals.columns.subject`),
      key: 'subject',
      width: 150,
      render: (_, row) => (
        <Space size={4}>
          <Tag>{t(`${k}.reveals.subjectTypes.${row.subject.type}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }} title={row.subject.id}>
            {row.subject.id.slice(-8)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t(`${k}.reveals.columns.case`),
      key: 'case',
      width: 200,
      render: (_, row) => (row.case ? <Link to={`/console/cases/${row.case.id}`}>{row.case.number}</Link> : '—'),
    },
    {
      title: t(`${k}.reveals.columns.fields`),
      dataIndex: 'fields',
      width: 120,
      render: (fields: string[]) => fields.map((f) => <Tag key={f}>{t(`${k}.reveals.fieldNames.${f}`, { defaultValue: f })}</Tag>),
    },
    { title: t(`${k}.reveals.columns.reason`), dataIndex: 'reason', render: (reason: string) => <Typography.Text>{reason}</Typography.Text> },
    { title: t(`${k}.reveals.columns.ip`), dataIndex: 'ip', width: 120, render: (ip: string | null) => <Typography.Text type="secondary">{ip ?? '—'}</Typography.Text> },
  ];

  return (
    <div>
      <Form
        form={form}
        layout="inline"
        initialValues={{ staff: filters.staff, case: filters.case }}
        onFinish={(values) => {
          const [from, to] = values.time ?? [];
          apply({ staff: values.staff, case: values.case, from: from?.startOf('day').toISOString(), to: to?.endOf('day').toISOString() });
        }}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="staff" label={t(`${k}.reveals.filters.staff`)}>
          <Input allowClear placeholder={t(`${k}.reveals.filters.staffPlaceholder`)} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="case" label={t(`${k}.reveals.filters.case`)}>
          <Input allowClear placeholder={t(`${k}.reveals.filters.casePlaceholder`)} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="time" label={t(`${k}.reveals.filters.time`)}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t(`${k}.reveals.filters.search`)}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ staff: undefined, case: undefined, time: null });
                apply({});
              }}
            >
              {t(`${k}.reveals.filters.reset`)}
            </Button>
            <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => void list.refetch()} aria-label="refresh" />
          </Space>
        </Form.Item>
      </Form>
      {list.error && <Alert type="error" showIcon message={t(`${k}.reveals.loadFailed`, { message: errorMessage(list.error, t) })} style={{ marginBottom: 12 }} />}
      <Table<RevealEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={list.isLoading}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${k}.reveals.empty`)} /> }}
        data-testid="reveals-table"
        scroll={{ x: 1000 }}
      />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t(`${k}.reveals.more`)}
          </Button>
        </Flex>
      )}
    </div>
  );
}

/** Erasure on request: phone + grounds → dry-run preview → confirm. */
function ErasureTab() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ phone: string; reason: string }>();
  const [preview, setPreview] = useState<ErasureReport | null>(null);
  const [done, setDone] = useState<ErasureReport | null>(null);
  const erase = useMutation({
    mutationFn: (body: { phone: string; reason: string; dryRun: boolean }) => call(api.POST('/api/v1/privacy/erasures', { body })),
  });

  const runPreview = async () => {
    const values = await form.validateFields();
    setDone(null);
    setPreview(await erase.mutateAsync({ phone: values.phone.trim(), reason: values.reason.trim(), dryRun: true }));
  };

  const confirm = () => {
    if (!preview) return;
    modal.confirm({
      title: t(`${k}.erasure.confirmTitle`),
      content: t(`${k}.erasure.confirmBody`, { total: preview.total }),
      okText: t(`${k}.erasure.confirm`),
      okButtonProps: { danger: true },
      onOk: async () => {
        const values = form.getFieldsValue();
        const report = await erase.mutateAsync({ phone: values.phone.trim(), reason: values.reason.trim(), dryRun: false });
        setPreview(null);
        setDone(report);
        form.resetFields();
        message.success(t(`${k}.erasure.done`, { phone: report.phone, total: report.total }));
      },
    });
  };

  const report = done ?? preview;
  return (
    <div style={{ maxWidth: 720 }}>
      <Alert type="warning" showIcon message={t(`${k}.erasure.intro`)} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onValuesChange={() => setPreview(null)} onFinish={() => void runPreview().catch(() => undefined)}>
        <Form.Item name="phone" label={t(`${k}.erasure.phone`)} rules={[{ required: true, pattern: /^\+?[\d\s-]{7,20}$/ }]}>
          <Input placeholder={t(`${k}.erasure.phonePlaceholder`)} style={{ maxWidth: 260 }} autoComplete="off" data-testid="erasure-phone" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t(`${k}.erasure.reason`)}
          rules={[{ validator: (_, v: string) => ([...(v ?? '').trim()].length >= 4 ? Promise.resolve() : Promise.reject(new Error(t(`${k}.revealDialog.reasonRequired`)))) }]}
        >
          <Input.TextArea rows={2} maxLength={500} placeholder={t(`${k}.erasure.reasonPlaceholder`)} data-testid="erasure-reason" />
        </Form.Item>
        <Space>
          <Button htmlType="submit" icon={<SearchOutlined />} loading={erase.isPending && !preview} data-testid="erasure-preview">
            {t(`${k}.erasure.preview`)}
          </Button>
          <Button danger type="primary" icon={<DeleteOutlined />} disabled={!preview || preview.total === 0} onClick={confirm} data-testid="erasure-confirm">
            {t(`${k}.erasure.confirm`)}
          </Button>
        </Space>
      </Form>
      {erase.error && <Alert type="error" showIcon message={t(`${k}.erasure.failed`, { message: errorMessage(erase.error, t) })} style={{ marginTop: 16 }} />}
      {report && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="erasure-report">
          {report.total === 0 ? (
            <Typography.Text>{t(`${k}.erasure.nothing`, { phone: report.phone })}</Typography.Text>
          ) : (
            <>
              <Typography.Text strong>
                {report.dryRun ? t(`${k}.erasure.previewTitle`, { phone: report.phone, total: report.total }) : t(`${k}.erasure.done`, { phone: report.phone, total: report.total })}
              </Typography.Text>
              <List
                size="small"
                dataSource={report.tables}
                renderItem={(row) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <span>
                        {t(`${k}.erasure.table.${row.table}`, { defaultValue: row.table })} × {row.rows}
                      </span>
                      {row.references.length > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`${k}.erasure.linkedCases`, { numbers: row.references.join('、') })}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            </>
          )}
        </Card>
      )}
    </div>
  );
}

/** Admin console: the reveal log (audit:read) and erasure on request (pii:erase). */
export default function PrivacyPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const canList = user?.permissions.includes('audit:read') ?? false;
  const canErase = user?.permissions.includes('pii:erase') ?? false;
  if (!canList && !canErase) return <div style={{ padding: 48, textAlign: 'center' }}>{t('common.noPermission')}</div>;
  const tabs = [
    ...(canList ? [{ key: 'reveals', label: t(`${k}.page.revealsTab`), children: <RevealsTab /> }] : []),
    ...(canErase ? [{ key: 'erasure', label: t(`${k}.page.erasureTab`), children: <ErasureTab /> }] : []),
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : tabs[0]!.key;
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t(`${k}.page.title`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.page.intro`)}</Typography.Paragraph>
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} destroyOnHidden />
    </Card>
  );
}
