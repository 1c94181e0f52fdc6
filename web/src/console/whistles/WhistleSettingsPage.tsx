import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, InputNumber, Select, Skeleton, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';

type Settings = Schemas['WhistleSettings'];
type Grade = Settings['grades'][number];
const k = 'whistles.settings';
const roleChoices = ['grid_worker', 'cadre', 'community_staff', 'center_operator', 'leader'] as const;
const clocks = ['continuous', 'working_hours', 'working_days'] as const;

/** One grade's row, edited in place and saved with its version (409 when someone saved first). */
function GradeRow({ grade }: { grade: Grade }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(grade.roles);
  const [windowMinutes, setWindow] = useState<number>(grade.windowMinutes);
  const [clock, setClock] = useState<Grade['clock']>(grade.clock);
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/whistle-settings/{grade}', {
          params: { path: { grade: grade.grade } },
          body: { roles: roles as Array<(typeof roleChoices)[number]>, windowMinutes, clock, version: grade.version },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(['whistle-settings'], data);
      void message.success(t(`${k}.saved`));
    },
    onError: (e) => void message.error(errorMessage(e, t)),
  });
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 110px 150px 70px', gap: 12, alignItems: 'center' }}>
      <Checkbox.Group value={roles} onChange={(v) => setRoles(v as string[])} options={roleChoices.map((r) => ({ value: r, label: t(`${k}.roleNames.${r}`) }))} />
      <InputNumber min={5} max={43200} value={windowMinutes} onChange={(v) => setWindow(Number(v ?? 0))} aria-label={t(`${k}.window`)} />
      <Select value={clock} onChange={setClock} options={clocks.map((c) => ({ value: c, label: t(`whistles.clock.${c}`) }))} aria-label={t(`${k}.clockLabel`)} />
      <Button type="primary" size="small" loading={save.isPending} disabled={roles.length === 0} onClick={() => save.mutate()} data-testid={`save-${grade.grade}`}>
        {t(`${k}.save`)}
      </Button>
    </div>
  );
}

/** 吹哨与评价设置: who may blow each grade, check-in windows and clocks, and whether 不满意 reopens. */
export default function WhistleSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['whistle-settings'], queryFn: () => call(api.GET('/api/v1/whistle-settings')) });
  const reopen = useMutation({
    mutationFn: (value: boolean) =>
      call(api.PUT('/api/v1/rating-settings/{scope}', { params: { path: { scope: 'default' } }, body: { reopenOnDissatisfied: value, version: query.data!.rating.version } })),
    onSuccess: (data) => {
      queryClient.setQueryData(['whistle-settings'], data);
      void message.success(t(`${k}.saved`));
    },
    onError: (e) => void message.error(errorMessage(e, t)),
  });
  if (!query.data) return query.error ? <Alert type="error" showIcon message={errorMessage(query.error, t)} /> : <Skeleton active />;
  const data = query.data;
  return (
    <div data-testid="whistle-settings">
      <Typography.Title level={4}>{t(`${k}.title`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Card size="small">
        <Table
          rowKey="grade"
          pagination={false}
          dataSource={data.grades}
          columns={[
            {
              title: t(`${k}.grade`),
              width: 200,
              render: (_: unknown, g: Grade) => (
                <div>
                  <Tag color={g.grade === 'emergency' ? 'red' : g.grade === 'raised' ? 'orange' : 'blue'}>{t(`whistles.grades.${g.grade}`)}</Tag>
                  {!g.customised && <Typography.Text type="secondary">（{t(`${k}.default`)}）</Typography.Text>}
                  <div style={{ fontSize: 12, color: '#666', marginTop: 4 }}>{t(`${k}.summonsText.${g.grade}`)}</div>
                </div>
              ),
            },
            {
              title: `${t(`${k}.roles`)} · ${t(`${k}.window`)} · ${t(`${k}.clockLabel`)}`,
              render: (_: unknown, g: Grade) => <GradeRow key={`${g.grade}-${g.version}`} grade={g} />,
            },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <Switch checked={data.rating.reopenOnDissatisfied} loading={reopen.isPending} onChange={(v) => reopen.mutate(v)} data-testid="reopen-switch" />{' '}
        <Typography.Text strong>{t(`${k}.reopen`)}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{t(`${k}.reopenHint`)}</Typography.Text>
        </div>
      </Card>
    </div>
  );
}
