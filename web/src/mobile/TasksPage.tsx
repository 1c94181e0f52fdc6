import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, ErrorBlock, PullToRefresh, SpinLoading, Tag, TextArea, Toast } from 'antd-mobile';
import { ClockCircleOutline, ExclamationCircleFill } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call, type Schemas } from '../api/client';
import { errorMessage } from '../shared/errors';
import { performAction } from './case-actions';
import { formatDuration, formatTime } from './kit/duration';
import { PhoneTitle } from './kit/PhoneShell';

type Summary = Schemas['CaseSummary'];
type Task = Schemas['TaskItem'];
type Kind = Task['kind'];

/** The order of the groups: 督办单 and whistle duties first (someone is waiting), then cases, then visits. */
const kindOrder: readonly Kind[] = ['notice', 'whistle', 'case', 'visit'];

/**
 * 我的任务: one real to-do list from GET /api/v1/me/tasks — only what this person can act on now —
 * grouped by kind, each group by due time, overdue marked; 签收 and 报到 right here, the rest on the case.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['mobile-tasks'], queryFn: () => call(api.GET('/api/v1/me/tasks')) });
  const items = list.data?.items ?? [];
  return (
    <>
      <PhoneTitle title={t('mobile.tasks.title')} />
      <PullToRefresh
        onRefresh={async () => {
          await list.refetch();
        }}
        pullingText={t('mobile.tasks.pullToRefresh')}
        canReleaseText={t('mobile.tasks.release')}
        refreshingText={t('mobile.tasks.refreshing')}
        completeText={t('mobile.tasks.refreshed')}
      >
        <div style={{ minHeight: '70vh' }} data-testid="task-list">
          {list.isLoading && (
            <div style={{ display: 'grid', placeItems: 'center', padding: 40 }}>
              <SpinLoading />
              <p>{t('common.loading')}</p>
            </div>
          )}
          {list.error && (
            <div style={{ padding: 16 }}>
              <p className="wg-error">{t('mobile.tasks.loadFailed', { message: errorMessage(list.error, t) })}</p>
              <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
            </div>
          )}
          {list.isSuccess && items.length === 0 && <ErrorBlock status="empty" title={t('mobile.tasks.empty')} description="" />}
          {kindOrder.map((kind) => {
            const group = items.filter((i) => i.kind === kind);
            if (group.length === 0) return null;
            return (
              <section key={kind} data-testid={`task-group-${kind}`}>
                <h3 className="wg-hint" style={{ margin: '12px 12px 4px', fontSize: 14 }}>
                  {t(`mobile.tasks.kinds.${kind}`)} · {group.length}
                </h3>
                {group.map((item) => (
                  <TaskCard key={item.key} item={item} />
                ))}
              </section>
            );
          })}
        </div>
      </PullToRefresh>
    </>
  );
}

/** Time left until `at`, or how long overdue. */
function DueLabel({ at, overdue }: { at: string; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  const left = new Date(at).getTime() - Date.now();
  if (overdue || left < 0) {
    return (
      <span className="wg-overdue" data-testid="task-overdue">
        <ExclamationCircleFill /> {left < 0 ? t('mobile.tasks.overdueBy', { time: formatDuration(left, t) }) : t('mobile.tasks.overdue')}
      </span>
    );
  }
  return (
    <span className={`wg-due${left < 4 * 3600_000 ? ' soon' : ''}`} title={formatTime(at, i18n.language)}>
      <ClockCircleOutline /> {t('mobile.tasks.dueIn', { time: formatDuration(left, t) })}
    </span>
  );
}

function TaskCard({ item }: { item: Task }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const done = async (message: string) => {
    Toast.show({ icon: 'success', content: message });
    await queryClient.invalidateQueries({ queryKey: ['mobile-tasks'] });
  };
  const fail = (error: unknown) => Toast.show({ icon: 'fail', content: errorMessage(error, t), duration: 4000 });

  const checkIn = async () => {
    if (!item.case) return;
    setBusy(true);
    try {
      await performAction(item.case.id, 'check-in', { version: item.case.version });
      await done(t('mobile.case.actionDone', { action: item.actionLabel }));
    } catch (error) {
      fail(error);
      await queryClient.invalidateQueries({ queryKey: ['mobile-tasks'] });
    } finally {
      setBusy(false);
    }
  };

  const acknowledge = () => {
    let reply = '';
    void Dialog.confirm({
      title: item.title,
      content: (
        <div>
          {item.detail && <p style={{ marginTop: 0 }}>{item.detail}</p>}
          <TextArea placeholder={t('mobile.tasks.replyPlaceholder')} rows={3} maxLength={1000} onChange={(v) => (reply = v)} data-testid="notice-reply" />
        </div>
      ),
      confirmText: t('mobile.tasks.acknowledge'),
      cancelText: t('common.cancel'),
      onConfirm: async () => {
        if (!reply.trim()) {
          Toast.show({ content: t('mobile.tasks.replyRequired') });
          throw new Error('reply required');
        }
        try {
          await call(api.POST('/api/v1/supervision-notices/{id}/acknowledge', { params: { path: { id: item.target.id } }, body: { reply: reply.trim() } }));
          await done(t('mobile.tasks.acknowledged'));
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
  };

  const open = () => {
    if (item.target.type === 'notice') acknowledge();
    else navigate(item.target.type === 'household' ? `/m/visits/households/${item.target.id}` : `/m/cases/${item.target.id}`);
  };

  /** A button on the card acts without opening it. */
  const stop = (run: () => void) => (event: { stopPropagation(): void }) => {
    event.stopPropagation();
    run();
  };

  const primary =
    item.action === 'acknowledge' ? (
      <Button size="small" color="primary" onClick={stop(acknowledge)} data-testid="task-acknowledge">
        {item.actionLabel}
      </Button>
    ) : item.action === 'check-in' ? (
      <Button size="small" color="primary" loading={busy} onClick={stop(() => void checkIn())} data-testid="task-check-in">
        {item.actionLabel}
      </Button>
    ) : (
      <Tag color="primary" fill="outline">
        {item.actionLabel}
      </Tag>
    );

  return (
    <div className={`wg-card ${item.case?.colour ?? ''}`} role="button" tabIndex={0} onClick={open} data-testid="task-card" data-kind={item.kind}>
      <div className="wg-card-top">
        <span>{item.case?.number ?? t(`mobile.tasks.kinds.${item.kind}`)}</span>
        {item.case && <Tag color={item.case.colour === 'red' ? 'danger' : item.case.colour === 'yellow' ? 'warning' : 'success'}>{t(`mobile.colour.${item.case.colour}`)}</Tag>}
      </div>
      <div className="wg-card-desc">{item.title}</div>
      <div className="wg-card-bottom">
        {primary}
        {item.dueAt && <DueLabel at={item.dueAt} overdue={item.isOverdue} />}
      </div>
      {item.detail && <div className="wg-hint" style={{ fontSize: 14 }}>{item.detail}</div>}
    </div>
  );
}

/** The deadline that matters now: respond-by while unaccepted, resolve-by afterwards. */
export function deadlineOf(item: Pick<Summary, 'status' | 'respondBy' | 'resolveBy'>): { kind: 'respondBy' | 'resolveBy'; at: string } | null {
  if (item.status === 'reported') return { kind: 'respondBy', at: item.respondBy };
  if (['accepted', 'dispatched', 'returned', 'in_progress', 'rework'].includes(item.status) && item.resolveBy) return { kind: 'resolveBy', at: item.resolveBy };
  return null;
}

export function Countdown({ item }: { item: Pick<Summary, 'status' | 'respondBy' | 'resolveBy' | 'isOverdue'> }) {
  const deadline = deadlineOf(item);
  return deadline ? <DueLabel at={deadline.at} overdue={item.isOverdue} /> : null;
}
