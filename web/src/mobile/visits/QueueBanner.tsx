import { Button, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dropQueued, flushQueue, useVisitQueue } from './offline-queue';

/** "待上传 N 条": visits kept on the phone while offline, with a button to send them now. */
export function QueueBanner() {
  const { t } = useTranslation();
  const queue = useVisitQueue();
  const [sending, setSending] = useState(false);
  const waiting = queue.filter((q) => !q.error);
  const failed = queue.filter((q) => q.error);
  if (queue.length === 0) return null;
  return (
    <div data-testid="visit-queue">
      {waiting.length > 0 && (
        <NoticeBar
          color="alert"
          content={sending ? t('visits.queue.sending') : t('visits.queue.pending', { count: waiting.length })}
          extra={
            <Button
              size="mini"
              color="primary"
              fill="none"
              loading={sending}
              onClick={async () => {
                setSending(true);
                await flushQueue().finally(() => setSending(false));
              }}
            >
              {t('visits.queue.sendNow')}
            </Button>
          }
        />
      )}
      {failed.map((q) => (
        <NoticeBar
          key={q.body.clientId}
          color="error"
          wrap
          content={t('visits.queue.failed', { count: 1, message: q.error })}
          extra={
            <Button size="mini" fill="none" onClick={() => dropQueued(q.body.clientId)}>
              {t('visits.queue.dismiss')}
            </Button>
          }
        />
      ))}
    </div>
  );
}
