import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { formatDuration } from '../../mobile/kit/duration';
import { formatMinutes } from '../../shared/format/duration';
import { formatTime } from './format';

type Loop = Schemas['CaseLoop'];
type Party = Loop['whistles'][number]['parties'][number];

const k = 'whistles.panel';
const stateColour: Record<Party['state'], string> = { waiting: 'blue', overdue: 'red', checkedIn: 'gold', completed: 'green' };
const gradeColour = { routine: 'blue', raised: 'orange', emergency: 'red' } as const;

/** Loads a case's whistles, urges, ratings and follow-ups (refetched with the case: key under ['case', id]). */
export function useCaseLoop(caseId: string) {
  return useQuery({
    queryKey: ['case', caseId, 'loop'],
    queryFn: () => call(api.GET('/api/v1/cases/{id}/loop', { params: { path: { id: caseId } } })),
    refetchInterval: 30_000,
  });
}

function PartyRow({ party }: { party: Party }) {
  const { t } = useTranslation();
  const left = Date.parse(party.checkInBy) - Date.now();
  const waiting = party.state === 'waiting' || party.state === 'overdue';
  return (
    <List.Item data-testid={`party-${party.state}`}>
      <div style={{ width: '100%' }}>
        <Space size={6} wrap>
          <Typography.Text strong>{party.name}</Typography.Text>
          <Tag color={stateColour[party.state]}>{t(`${k}.states.${party.state}`)}</Tag>
          {party.isMine && <Tag>{t(`${k}.mine`)}</Tag>}
        </Space>
        <div>
          <Typography.Text type={party.state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {waiting
              ? `${t(`${k}.checkInBy`, { at: formatTime(party.checkInBy) })} · ${left >= 0 ? t(`${k}.remaining`, { duration: formatDuration(left, t) }) : t(`${k}.overdueBy`, { duration: formatDuration(-left, t) })}`
              : party.completedAt
                ? formatTime(party.completedAt)
                : party.checkedInAt
                  ? formatTime(party.checkedInAt)
                  : ''}
          </Typography.Text>
        </div>
        {party.progressNote && (
          <Typography.Paragraph style={{ margin: '2px 0 0', fontSize: 13 }}>
            {t(`${k}.progress`)}{t('common.colon')}{party.progressNote}
          </Typography.Paragraph>
        )}
      </div>
    </List.Item>
  );
}

/** The case page's cards: whistle parties with their check-in countdown, urges, ratings and follow-ups. */
export function CaseLoopPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const loop = useCaseLoop(caseId);
  const data = loop.data;
  if (!data) return null;
  const rated = (v: string) => t(`${k}.ratingValues.${v}`);
  return (
    <div data-testid="case-loop">
      <Card title={t(`${k}.whistles`)} size="small" style={{ marginTop: 16 }}>
        {data.whistles.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${k}.noWhistles`)} />
        ) : (
          data.whistles.map((w) => (
            <div key={w.id} style={{ marginBottom: 12 }} data-testid="whistle">
              <Space size={6} wrap>
                <Tag color={gradeColour[w.grade]}>{w.gradeLabel}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`${k}.blownBy`, { name: w.blownBy.name, at: formatTime(w.blownAt) })} · {t(`${k}.window`, { window: `${formatMinutes(t, w.windowMinutes)}（${t(`whistles.clock.${w.clock}`)}）` })}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0' }}>{w.reason}</Typography.Paragraph>
              <List size="small" bordered dataSource={w.parties} renderItem={(p) => <PartyRow party={p} />} />
            </div>
          ))
        )}
      </Card>
      <Card title={t(`${k}.urges`)} size="small" style={{ marginTop: 16 }} extra={data.urgeCount > 0 && <Tag color="volcano">{t(`${k}.urgeCount`, { count: data.urgeCount })}</Tag>}>
        {data.urges.length === 0 ? (
          <Typography.Text type="secondary">{t(`${k}.noUrges`)}</Typography.Text>
        ) : (
          <List size="small" dataSource={data.urges} renderItem={(u) => <List.Item>{`${formatTime(u.at)} · ${u.by?.name ?? ''}${t('common.colon')}${u.note}`}</List.Item>} />
        )}
      </Card>
      <Card title={t(`${k}.ratings`)} size="small" style={{ marginTop: 16 }}>
        {data.ratings.length === 0 ? (
          <Typography.Text type="secondary">{t(`${k}.noRatings`)}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={data.ratings}
            renderItem={(r) => (
              <List.Item>
                <div>
                  <Space size={6}>
                    <Tag color={r.rating === 'dissatisfied' ? 'red' : r.rating === 'satisfied' ? 'green' : 'gold'}>{rated(r.rating)}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(r.at)} · {t(`${k}.channels.${r.channel}`)}
                    </Typography.Text>
                  </Space>
                  {r.comment && <div>{r.comment}</div>}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t(`${k}.followUps`)} size="small" style={{ marginTop: 16 }}>
        {data.followUps.length === 0 ? (
          <Typography.Text type="secondary">{t(`${k}.noFollowUps`)}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={data.followUps}
            renderItem={(f) => (
              <List.Item>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(f.at)} · {f.by?.name ?? ''} · {t(`${k}.methods.${f.method}`, { defaultValue: f.method })}
                    {f.observedSatisfaction && ` · ${t(`${k}.observed`, { value: rated(f.observedSatisfaction) })}`}
                  </Typography.Text>
                  <div>{f.result}</div>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
