import { CopyOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../shared/errors';
import { shanghaiToday, type DutyShift } from '../assignments/assignmentsApi';
import { DutyShiftModal } from './DutyShiftModal';
import { codeOf, nodeChoice, TerritoryTreeSelect, type NodeChoice } from '../people/TerritoryTreeSelect';

const hhmm = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
const mondayOf = (day: Dayjs) => day.subtract((day.day() + 6) % 7, 'day').startOf('day');

/** The town of the person's first node (their own, the one above it, or the county's first town). */
function useDefaultTown(): NodeChoice | undefined {
  const { user } = useSession();
  const first = user?.nodes[0];
  const detail = useQuery({
    queryKey: ['territory', first?.code],
    queryFn: () => call(api.GET('/api/v1/territories/{code}', { params: { path: { code: first!.code } } })),
    enabled: !!first && first.level !== 'town',
    staleTime: 5 * 60_000,
  });
  if (!first) return undefined;
  if (first.level === 'town') return nodeChoice(first);
  const town = detail.data?.ancestors.find((a) => a.level === 'town') ?? detail.data?.children.find((c) => c.level === 'town');
  return town ? nodeChoice(town) : undefined;
}

/** 值班表: a town's week of duty shifts, who is on duty now, add / cancel shifts and copy last week. */
export default function DutyRosterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const canManage = user?.permissions.includes('duty:admin') ?? false;
  const fallbackTown = useDefaultTown();
  const [town, setTown] = useState<NodeChoice | undefined>();
  const [monday, setMonday] = useState<Dayjs>(mondayOf(dayjs(shanghaiToday())));
  const [adding, setAdding] = useState<Dayjs | null>(null);
  const k = 'assignments.duty';
  useEffect(() => {
    if (!town && fallbackTown) setTown(fallbackTown);
  }, [town, fallbackTown]);
  const townCode = town ? codeOf(town) : undefined;
  const weekdays = t(`${k}.weekdays`, { returnObjects: true }) as string[];

  const range = { town: townCode!, from: monday.format('YYYY-MM-DD'), to: monday.add(6, 'day').format('YYYY-MM-DD') };
  const shifts = useQuery({ queryKey: ['duty-shifts', range], queryFn: () => call(api.GET('/api/v1/duty-shifts', { params: { query: range } })), enabled: !!townCode });
  const onDuty = useQuery({
    queryKey: ['duty-now', townCode],
    queryFn: () => call(api.GET('/api/v1/duty-shifts/on-duty', { params: { query: { town: townCode! } } })),
    enabled: !!townCode,
    refetchInterval: 60_000,
  });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['duty-shifts'] });
    await queryClient.invalidateQueries({ queryKey: ['duty-now'] });
  };

  const cancel = async (shift: DutyShift) => {
    try {
      await call(api.DELETE('/api/v1/duty-shifts/{id}', { params: { path: { id: shift.id } } }));
      message.success(t(`${k}.cancelled`));
      await refresh();
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };
  const copyPrevious = async () => {
    try {
      const res = await call(api.POST('/api/v1/duty-shifts/copy-week', { body: { townCode: townCode!, fromWeek: monday.subtract(7, 'day').format('YYYY-MM-DD'), toWeek: monday.format('YYYY-MM-DD') } }));
      message.success(t(`${k}.copied`, res));
      await refresh();
    } catch (error) {
      message.error(errorMessage(error, t));
    }
  };

  const days = Array.from({ length: 7 }, (_, i) => monday.add(i, 'day'));
  const startsOn = (s: DutyShift) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(s.startsAt));
  const today = shanghaiToday();

  return (
    <div>
      <Typography.Title level={3}>{t(`${k}.title`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${k}.intro`)}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <TerritoryTreeSelect value={town} onChange={(v) => setTown(v as NodeChoice | undefined)} selectable={['town']} deepest="town" placeholder={t(`${k}.chooseTown`)} style={{ width: 220 }} />
        <Button icon={<LeftOutlined />} onClick={() => setMonday(monday.subtract(7, 'day'))}>
          {t(`${k}.prevWeek`)}
        </Button>
        <Button onClick={() => setMonday(mondayOf(dayjs(today)))}>{t(`${k}.thisWeek`)}</Button>
        <Button onClick={() => setMonday(monday.add(7, 'day'))}>
          {t(`${k}.nextWeek`)} <RightOutlined />
        </Button>
        <Typography.Text strong>{`${monday.format('YYYY-MM-DD')} ~ ${monday.add(6, 'day').format('MM-DD')}`}</Typography.Text>
        {canManage && townCode ? (
          <Popconfirm title={t(`${k}.copyPrev`)} onConfirm={() => void copyPrevious()}>
            <Button icon={<CopyOutlined />}>{t(`${k}.copyPrev`)}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      {onDuty.data ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={onDuty.data.via === 'roster' ? 'success' : 'warning'}
          showIcon
          data-testid="on-duty-now"
          message={`${t(`${k}.onDutyNow`)}${t('common.colon')}${onDuty.data.staff.map((s) => [s.displayName, s.phone].filter(Boolean).join(' ')).join('、') || t(`${k}.empty`)}（${onDuty.data.via === 'roster' ? t(`${k}.viaRoster`) : t(`${k}.viaFallback`)}）`}
        />
      ) : null}
      {shifts.error ? <Alert type="error" showIcon message={errorMessage(shifts.error, t)} style={{ marginBottom: 16 }} /> : null}
      <div className="wg-duty-week" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(130px, 1fr))', gap: 8, overflowX: 'auto' }} data-testid="duty-week">
        {days.map((day, i) => {
          const date = day.format('YYYY-MM-DD');
          const mine = (shifts.data?.items ?? []).filter((s) => startsOn(s) === date);
          return (
            <Card
              key={date}
              size="small"
              title={`${weekdays[i]} ${day.format('MM-DD')}`}
              styles={{ header: date === today ? { background: '#fdecea' } : undefined, body: { minHeight: 160, padding: 8 } }}
              extra={canManage && townCode ? <Button size="small" type="text" icon={<PlusOutlined />} onClick={() => setAdding(day)} aria-label={t(`${k}.add`)} /> : null}
            >
              {mine.length === 0 ? <Typography.Text type="secondary">{t(`${k}.empty`)}</Typography.Text> : null}
              {mine.map((s) => (
                <div key={s.id} style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '4px 6px', marginBottom: 6, background: '#fafafa' }}>
                  <div style={{ fontSize: 12, color: '#888' }}>
                    {`${hhmm(s.startsAt)}–${hhmm(s.endsAt)}`}
                    {s.note ? <Tag style={{ marginLeft: 4 }}>{s.note}</Tag> : null}
                  </div>
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 4 }}>
                    <span title={[s.staff.title, s.staff.phone].filter(Boolean).join(' · ')}>{s.staff.displayName.replace(/（.*|\(.*/, '')}</span>
                    {canManage ? (
                      <Popconfirm title={t(`${k}.cancel`)} onConfirm={() => void cancel(s)}>
                        <Button size="small" type="link" danger style={{ padding: 0 }}>
                          ×
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </div>
                </div>
              ))}
            </Card>
          );
        })}
      </div>
      {adding && townCode ? (
        <DutyShiftModal
          open
          townCode={townCode}
          day={adding}
          onClose={() => setAdding(null)}
          onSaved={() => {
            setAdding(null);
            message.success(t(`${k}.created`));
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}
