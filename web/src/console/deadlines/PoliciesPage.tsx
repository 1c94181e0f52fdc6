import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { useCategories } from '../cases/useCategories';
import { fetchPolicies, policyKeys, type Policy } from './policiesApi';
import { COLOURS, LEVELS, PolicyDrawer } from './PolicyDrawer';
import { formatLimit } from './policyFormat';

const tagColour = { red: 'red', yellow: 'gold', green: 'green' } as const;
const k = 'calendar.policies';

/** Pick a category × colour × level and see which rule gives its limits. */
function TryIt() {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const [query, setQuery] = useState<{ categoryCode?: string; colour: (typeof COLOURS)[number]; level: (typeof LEVELS)[number] }>({ colour: 'green', level: 'grid' });
  const result = useQuery({ queryKey: ['deadline-policies', 'resolve', query], queryFn: () => call(api.GET('/api/v1/deadline-policies/resolve', { params: { query } })) });
  const en = i18n.language === 'en';
  const options = (categories.data?.groups ?? []).map((g) => ({ label: en ? g.nameEn : g.nameZh, options: g.categories.map((c) => ({ value: c.code, label: `${c.code} ${en ? c.nameEn : c.nameZh}` })) }));
  const r = result.data;
  return (
    <Card size="small" title={t(`${k}.tryTitle`)}>
      <Space wrap>
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} placeholder={t(`${k}.any`)} options={options} value={query.categoryCode} onChange={(v) => setQuery({ ...query, categoryCode: v ?? undefined })} />
        <Select style={{ width: 100 }} value={query.colour} options={COLOURS.map((c) => ({ value: c, label: t(`${k}.colours.${c}`) }))} onChange={(colour) => setQuery({ ...query, colour })} />
        <Select style={{ width: 130 }} value={query.level} options={LEVELS.map((l) => ({ value: l, label: t(`${k}.levels.${l}`) }))} onChange={(level) => setQuery({ ...query, level })} />
      </Space>
      {r ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="policy-try-result">
          {t(`${k}.tryResult`, {
            respond: formatLimit(t, r.respondMinutes, 'respond'),
            resolve: formatLimit(t, r.resolveMinutes, r.clock),
            clock: t(`${k}.clocks.${r.clock}`),
            warn: `${Math.round(r.warnFraction * 100)}%`,
            escalate: t(r.autoEscalate ? `${k}.escalateYes` : `${k}.escalateNo`),
            source: t(`${k}.trySource.${r.source.kind}`) + (r.source.kind === 'category' ? ` ${r.source.categoryCode}` : ''),
          })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 时限策略: the policies, most specific first, with the precedence spelled out and an edit drawer. */
export default function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useSession();
  const canEdit = user?.permissions.includes('category:edit') ?? false;
  const policies = useQuery({ queryKey: policyKeys.all, queryFn: fetchPolicies });
  const categories = useCategories();
  const [editing, setEditing] = useState<Policy | null | undefined>(undefined);
  const en = i18n.language === 'en';
  const categoryName = new Map((categories.data?.groups ?? []).flatMap((g) => g.categories.map((c) => [c.code, en ? c.nameEn : c.nameZh] as const)));
  const any = <Typography.Text type="secondary">{t(`${k}.any`)}</Typography.Text>;

  const remove = async (p: Policy) => {
    try {
      await call(api.DELETE('/api/v1/deadline-policies/{id}', { params: { path: { id: p.id }, query: { version: p.version } } }));
      message.success(t(`${k}.deleted`));
      await queryClient.invalidateQueries({ queryKey: policyKeys.all });
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<Policy> = [
    { title: t(`${k}.columns.category`), dataIndex: 'categoryCode', render: (c: string | null) => (c ? `${c} ${categoryName.get(c) ?? ''}` : any) },
    { title: t(`${k}.columns.colour`), dataIndex: 'colour', render: (c: Policy['colour']) => (c ? <Tag color={tagColour[c]}>{t(`${k}.colours.${c}`)}</Tag> : any) },
    { title: t(`${k}.columns.level`), dataIndex: 'level', render: (l: Policy['level']) => (l ? t(`${k}.levels.${l}`) : any) },
    { title: t(`${k}.columns.respond`), dataIndex: 'respondMinutes', render: (m: number) => formatLimit(t, m, 'respond') },
    { title: t(`${k}.columns.resolve`), key: 'resolve', render: (_, p) => formatLimit(t, p.resolveMinutes, p.clock) },
    { title: t(`${k}.columns.clock`), dataIndex: 'clock', render: (c: Policy['clock']) => t(`${k}.clocks.${c}`) },
    { title: t(`${k}.columns.warn`), dataIndex: 'warnFraction', render: (w: number) => `${Math.round(w * 100)}%` },
    { title: t(`${k}.columns.autoEscalate`), dataIndex: 'autoEscalate', render: (a: boolean) => (a ? <Tag color="volcano">{t(`${k}.yes`)}</Tag> : t(`${k}.no`)) },
    { title: t(`${k}.columns.specificity`), dataIndex: 'specificity' },
    ...(canEdit
      ? [
          {
            title: t(`${k}.columns.actions`),
            key: 'actions',
            render: (_: unknown, p: Policy) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)}>
                  {t(`${k}.edit`)}
                </Button>
                <Popconfirm title={t(`${k}.deleteConfirm`)} onConfirm={() => remove(p)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t(`${k}.delete`)} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t(`${k}.title`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t(`${k}.intro`)}
      </Typography.Paragraph>
      <Alert
        type="info"
        showIcon
        message={t(`${k}.precedence`)}
        description={
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {(t(`${k}.steps`, { returnObjects: true }) as string[]).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        }
      />
      <TryIt />
      <Card
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="policy-add">
              {t(`${k}.add`)}
            </Button>
          ) : null
        }
      >
        <Table rowKey="id" size="middle" loading={policies.isLoading} columns={columns} dataSource={policies.data?.policies ?? []} pagination={false} />
      </Card>
      <PolicyDrawer open={editing !== undefined} policy={editing ?? null} onClose={() => setEditing(undefined)} />
    </Space>
  );
}
