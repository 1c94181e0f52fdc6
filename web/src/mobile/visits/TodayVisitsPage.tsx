import { useQuery } from '@tanstack/react-query';
import { Button, ErrorBlock, List, NoticeBar, PullToRefresh, Segmented, SpinLoading, Tag } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { errorMessage } from '../../shared/errors';
import GridMap from '../../shared/map/GridMap';
import { PhoneTitle } from '../kit/PhoneShell';
import { flushQueue } from './offline-queue';
import { QueueBanner } from './QueueBanner';
import { formatDate } from '../../shared/format/time';

type Item = Schemas['VisitToday']['items'][number];

/** 今日走访: the day's households in order (tags, address, masked head), as a list or on a map. */
export function TodayVisitsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [view, setView] = useState<'list' | 'map'>('list');
  const today = useQuery({ queryKey: ['visits-today'], queryFn: () => call(api.GET('/api/v1/visits/today')) });
  // Opening the page is a good moment to send what waits from an earlier dead zone.
  useEffect(() => {
    void flushQueue().then(() => today.refetch());
  }, []);
  const items = today.data?.items ?? [];
  const located = items.filter((i) => i.household.lat !== null && i.household.lng !== null);
  return (
    <>
      <PhoneTitle title={t('visits.today.title')} />
      <QueueBanner />
      {today.data && !today.data.isToday && <NoticeBar content={t('visits.today.nextDay', { date: today.data.date })} color="info" wrap />}
      <div style={{ padding: '8px 12px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', background: '#fff' }}>
        <span data-testid="visit-progress">{today.data ? t('visits.today.progress', { done: today.data.done, total: today.data.total }) : ''}</span>
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'map')}
          options={[
            { label: t('visits.today.list'), value: 'list' },
            { label: t('visits.today.map'), value: 'map' },
          ]}
        />
      </div>
      {today.isLoading && (
        <div style={{ display: 'grid', placeItems: 'center', padding: 40 }}>
          <SpinLoading />
        </div>
      )}
      {today.error && (
        <div style={{ padding: 16 }}>
          <p className="wg-error">{t('visits.today.loadFailed', { message: errorMessage(today.error, t) })}</p>
          <Button onClick={() => void today.refetch()}>{t('common.retry')}</Button>
        </div>
      )}
      {today.isSuccess && items.length === 0 && <ErrorBlock status="empty" title={t('visits.today.empty')} description="" />}
      {view === 'map' && items.length > 0 && (
        <div style={{ padding: 8 }}>
          <GridMap
            height={420}
            markers={located.map((i) => ({
              id: i.household.id,
              lat: i.household.lat!,
              lng: i.household.lng!,
              colour: i.status === 'visited' ? 'green' : i.household.tags.length ? 'red' : 'yellow',
              title: `${i.position}. ${i.household.address}`,
              onClick: () => navigate(`/m/visits/households/${i.household.id}`),
            }))}
            cluster={false}
          />
          {located.length < items.length && <p className="wg-hint">{t('visits.today.noPoint', { count: items.length - located.length })}</p>}
        </div>
      )}
      {view === 'list' && items.length > 0 && (
        <PullToRefresh onRefresh={async () => void (await today.refetch())}>
          <List data-testid="visit-list">
            {items.map((item) => (
              <VisitRow key={item.planItemId} item={item} onOpen={() => navigate(`/m/visits/households/${item.household.id}`)} />
            ))}
          </List>
        </PullToRefresh>
      )}
    </>
  );
}

function VisitRow({ item, onOpen }: { item: Item; onOpen: () => void }) {
  const { t } = useTranslation();
  const h = item.household;
  const place = [h.address, h.building && `${h.building}栋`, h.unit && `${h.unit}单元`, h.room].filter(Boolean).join(' ');
  return (
    <List.Item
      onClick={onOpen}
      prefix={<span className="wg-visit-pos">{item.status === 'visited' ? <CheckCircleFill color="var(--adm-color-success)" /> : item.position}</span>}
      description={
        <div>
          <div>
            {h.headName ? t('visits.today.head', { name: h.headName }) : ''} · {h.gridName}
          </div>
          <div>{h.lastVisitedAt ? t('visits.today.lastVisited', { date: formatDate(h.lastVisitedAt) }) : t('visits.today.neverVisited')}</div>
          <div style={{ marginTop: 4, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {h.tags.map((tag) => (
              <Tag key={tag.code} color="danger" fill="outline">
                {tag.label}
              </Tag>
            ))}
            <Tag color={item.status === 'visited' ? 'success' : 'default'}>{t(`visits.today.${item.status}`)}</Tag>
          </div>
        </div>
      }
      data-testid="visit-item"
    >
      {place}
    </List.Item>
  );
}
