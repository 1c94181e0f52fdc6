import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Cascader, InputNumber, Skeleton, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import { useCategoryOptions } from '../cases/useCategories';

type Rules = Schemas['DuplicateRules'];
interface Row {
  key: string;
  categoryCode: string | null;
  radiusM: number | null;
  windowDays: number | null;
}

/** 重复件识别规则: the county default radius and window, and per-category rows; saved as one table (with a version). */
export default function DuplicateRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const categories = useCategoryOptions();
  const query = useQuery({ queryKey: ['duplicate-rules'], queryFn: () => call(api.GET('/api/v1/duplicates/rules')) });
  const [county, setCounty] = useState<{ radiusM: number | null; windowDays: number | null }>({ radiusM: null, windowDays: null });
  const [rows, setRows] = useState<Row[]>([]);
  const load = (data: Rules) => {
    setCounty(data.county);
    setRows(data.categories.map((c) => ({ key: c.categoryCode, categoryCode: c.categoryCode, radiusM: c.radiusM, windowDays: c.windowDays })));
  };
  useEffect(() => {
    if (query.data) load(query.data);
  }, [query.data]);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/duplicates/rules', {
          body: {
            version: query.data!.version,
            county: { radiusM: county.radiusM ?? 0, windowDays: county.windowDays ?? 0 },
            categories: rows.filter((r) => r.categoryCode).map((r) => ({ categoryCode: r.categoryCode!, radiusM: r.radiusM ?? 0, windowDays: r.windowDays ?? 0 })),
          },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['duplicate-rules'], data);
      void message.success(t('duplicates.rules.saved'));
    },
    onError: (e) => void message.error(t('duplicates.rules.saveFailed', { message: errorMessage(e, t) })),
  });
  if (!query.data) return query.error ? <Alert type="error" showIcon message={t('duplicates.rules.loadFailed', { message: errorMessage(query.error, t) })} /> : <Skeleton active />;
  const setRow = (key: string, patch: Partial<Row>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const groupOf = (code: string) => categories.options.find((g) => g.children.some((c) => c.value === code))?.value;
  return (
    <div data-testid="duplicate-rules">
      <Typography.Title level={4}>{t('duplicates.rules.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('duplicates.rules.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Table<Row>
          rowKey="key"
          pagination={false}
          dataSource={[{ key: '*', categoryCode: null, ...county }, ...rows]}
          columns={[
            {
              title: t('duplicates.rules.category'),
              render: (_, r) =>
                r.key === '*' ? (
                  <strong>{t('duplicates.rules.county')}</strong>
                ) : (
                  <Cascader
                    style={{ width: 320 }}
                    options={categories.options}
                    value={r.categoryCode ? [groupOf(r.categoryCode) ?? '', r.categoryCode] : []}
                    onChange={(v) => setRow(r.key, { categoryCode: (v?.[1] as string | undefined) ?? null })}
                    placeholder={t('duplicates.rules.pickCategory')}
                    showSearch
                    data-testid="rule-category"
                  />
                ),
            },
            {
              title: t('duplicates.rules.radius'),
              width: 180,
              render: (_, r) => (
                <InputNumber
                  min={10}
                  max={5000}
                  value={r.radiusM}
                  placeholder={t('duplicates.rules.radiusHint')}
                  onChange={(v) => (r.key === '*' ? setCounty((c) => ({ ...c, radiusM: v })) : setRow(r.key, { radiusM: v }))}
                  aria-label={t('duplicates.rules.radius')}
                  data-testid={`rule-radius-${r.key}`}
                />
              ),
            },
            {
              title: t('duplicates.rules.window'),
              width: 180,
              render: (_, r) => (
                <InputNumber
                  min={1}
                  max={365}
                  value={r.windowDays}
                  placeholder={t('duplicates.rules.windowHint')}
                  onChange={(v) => (r.key === '*' ? setCounty((c) => ({ ...c, windowDays: v })) : setRow(r.key, { windowDays: v }))}
                  aria-label={t('duplicates.rules.window')}
                  data-testid={`rule-window-${r.key}`}
                />
              ),
            },
            {
              width: 90,
              render: (_, r) =>
                r.key === '*' ? null : (
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => setRows((current) => current.filter((x) => x.key !== r.key))}>
                    {t('duplicates.rules.remove')}
                  </Button>
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setRows((current) => [...current, { key: crypto.randomUUID(), categoryCode: null, radiusM: 250, windowDays: 30 }])}>
            {t('duplicates.rules.add')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="rules-save">
            {t('duplicates.rules.save')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
