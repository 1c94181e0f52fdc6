import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { postCaseAction, type CaseDetail } from '../../shared/cases/case-actions';
import { errorMessage } from '../../shared/errors';
import { formatTime } from '../cases/format';

type Candidate = Schemas['SimilarCaseStaff'];

/** The reasons of one candidate, as tags: distance, age, text similarity, same category, shared words. */
export function CandidateReasons({ item }: { item: Candidate }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      <Tag>{t('duplicates.reasons.distance', { metres: item.distanceM })}</Tag>
      <Tag>{t('duplicates.reasons.daysAgo', { days: Math.max(0, Math.round(item.daysAgo)) })}</Tag>
      <Tag color={item.similarity >= 0.2 ? 'orange' : undefined}>{t('duplicates.reasons.similarity', { percent: Math.round(item.similarity * 100) })}</Tag>
      {item.sameCategory && <Tag color="blue">{t('duplicates.reasons.sameCategory')}</Tag>}
      {item.sharedWords.length > 0 && <Tag>{t('duplicates.reasons.shared', { words: item.sharedWords.join('、') })}</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('duplicates.reasons.score', { score: item.score.toFixed(2) })}
      </Typography.Text>
    </Space>
  );
}

/**
 * 疑似重复 on a case page: open cases near it (the server's rule and reasons), and — when this case may still
 * be merged — one button per candidate that merges it there through the ordinary `merge` action. A person
 * decides; nothing merges by itself.
 */
export function DuplicatesPanel({ data, onMerged }: { data: CaseDetail; onMerged: (updated: CaseDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [target, setTarget] = useState<Candidate | null>(null);
  const [note, setNote] = useState('');
  const [isBusy, setBusy] = useState(false);
  const query = useQuery({
    queryKey: ['case-duplicates', data.id, data.version],
    queryFn: () => call(api.GET('/api/v1/cases/{id}/duplicates', { params: { path: { id: data.id } } })),
  });
  const canMerge = data.allowedActions.some((a) => a.action === 'merge');
  const items = query.data?.items ?? [];
  const merge = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const updated = await postCaseAction(data.id, 'merge', { version: data.version, intoCaseId: target.id, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(t('duplicates.panel.merged', { number: target.number }));
      setTarget(null);
      setNote('');
      onMerged(updated);
    } catch (e) {
      message.error(t('duplicates.panel.mergeFailed', { message: errorMessage(e, t) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('duplicates.panel.title')} size="small" style={{ marginTop: 16 }} data-testid="duplicates-panel">
      {query.error && <Alert type="error" showIcon message={t('duplicates.panel.loadFailed', { message: errorMessage(query.error, t) })} />}
      {query.data && !query.data.rule && <Typography.Text type="secondary">{t('duplicates.panel.noPoint')}</Typography.Text>}
      {query.data?.rule && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('duplicates.panel.rule', { radiusM: query.data.rule.radiusM, windowDays: query.data.rule.windowDays })}
        </Typography.Paragraph>
      )}
      {query.data?.rule && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duplicates.panel.empty')} />}
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              key={item.id}
              data-testid="duplicate-candidate"
              actions={
                canMerge && item.status !== 'merged'
                  ? [
                      <Button key="merge" size="small" type={item.isLikely ? 'primary' : 'default'} onClick={() => setTarget(item)} data-testid="duplicate-merge">
                        {t('duplicates.panel.mergeInto')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Link to={`/console/cases/${item.id}`}>{item.number}</Link>
                    {item.isLikely ? <Tag color="red">{t('duplicates.panel.likely')}</Tag> : <Tag>{t('duplicates.panel.possible')}</Tag>}
                    <Tag>{item.statusLabel}</Tag>
                    {item.followerCount > 0 && <Tag color="purple">{t('duplicates.followers.count', { count: item.followerCount })}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '2px 0 4px' }}>
                      {item.description}
                    </Typography.Paragraph>
                    <CandidateReasons item={item} />
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[item.category, formatTime(item.reportedAt)].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Modal
        open={target !== null}
        title={target ? t('duplicates.panel.mergeTitle', { number: target.number }) : ''}
        okText={t('duplicates.panel.mergeInto')}
        okButtonProps={{ danger: true, loading: isBusy, ...{ 'data-testid': 'duplicate-merge-confirm' } }}
        onOk={() => void merge()}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        {target && (
          <>
            <Typography.Paragraph>{t('duplicates.panel.mergeBody', { number: target.number })}</Typography.Paragraph>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('duplicates.panel.mergeNote')} value={note} onChange={(e) => setNote(e.target.value)} />
          </>
        )}
      </Modal>
    </Card>
  );
}

/** 附议 on a case page: how many follow it, how they came (a merge or by choice) and their ratings. */
export function FollowersPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['case-followers', caseId], queryFn: () => call(api.GET('/api/v1/cases/{id}/followers', { params: { path: { id: caseId } } })) });
  const data = query.data;
  return (
    <Card
      title={
        <Space>
          {t('duplicates.followers.title')}
          {data && <Tag color={data.count > 0 ? 'purple' : undefined} data-testid="follower-count">{t('duplicates.followers.count', { count: data.count })}</Tag>}
        </Space>
      }
      size="small"
      style={{ marginTop: 16 }}
      data-testid="followers-panel"
    >
      {query.error && <Alert type="error" showIcon message={errorMessage(query.error, t)} />}
      {data && data.count === 0 && <Typography.Text type="secondary">{t('duplicates.followers.none')}</Typography.Text>}
      {data && data.count > 0 && (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(f) => (
            <List.Item key={f.id}>
              <Space direction="vertical" size={0}>
                <Space size={6}>
                  <Tag>{f.source === 'merge' ? t('duplicates.followers.source.merge', { number: f.mergedFromNumber ?? '' }) : t('duplicates.followers.source.resident')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('duplicates.followers.since', { time: formatTime(f.followedAt) })}
                  </Typography.Text>
                </Space>
                <Typography.Text>
                  {f.rating ? t('duplicates.followers.rating', { rating: t(`duplicates.ratings.${f.rating}`) }) : t('duplicates.followers.notRated')}
                  {f.ratingComment ? ` — ${f.ratingComment}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
