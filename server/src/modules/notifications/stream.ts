import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import type { StaffActor } from '../../platform/actor.js';
import { presentNotifications, unreadCount } from './inbox.service.js';
import { onInbox } from './live.js';
import { notifications } from './notifications.tables.js';

/** Other processes' notifications arrive by this poll; this process's wake the stream at once. */
export const streamPollMs = 2000;
const heartbeatMs = 15_000;

/**
 * Server-Sent Events of the caller's own inbox. Every read is `where staff_id = <caller>`, so the
 * stream is scoped by construction. Sends `notification` events (id = the row id, so a reconnect's
 * Last-Event-ID resumes after it) and `unread` counts; a comment line every 15 s keeps proxies open.
 */
export async function streamInbox(ctx: AppContext, actor: StaffActor, request: FastifyRequest, reply: FastifyReply, options: { lang: Lang; maxSeconds?: number; open: Set<() => void> }): Promise<void> {
  const lastEventId = request.headers['last-event-id'];
  let cursor = typeof lastEventId === 'string' && /^[0-9a-f-]{36}$/i.test(lastEventId) ? lastEventId : undefined;
  if (!cursor) {
    // A fresh connection starts after the newest existing row: the list endpoint shows the past.
    const [newest] = await ctx.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.staffId, actor.id)).orderBy(desc(notifications.id)).limit(1);
    cursor = newest?.id;
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  let busy = false;
  let again = false;
  const write = (text: string) => {
    if (!closed) raw.write(text);
  };

  const poll = async (): Promise<void> => {
    if (closed) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const rows = await ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.staffId, actor.id), cursor ? gt(notifications.id, cursor) : undefined))
        .orderBy(asc(notifications.id))
        .limit(50);
      if (rows.length > 0) {
        for (const item of await presentNotifications(ctx, rows, options.lang)) write(`event: notification\nid: ${item.id}\ndata: ${JSON.stringify(item)}\n\n`);
        cursor = rows[rows.length - 1]!.id;
        write(`event: unread\ndata: ${JSON.stringify({ count: await unreadCount(ctx, actor.id) })}\n\n`);
      }
    } catch {
      // The database may be briefly away; the next poll tries again.
    } finally {
      busy = false;
    }
    if (again) {
      again = false;
      await poll();
    }
  };

  write(`retry: 3000\n\n`);
  write(`event: unread\ndata: ${JSON.stringify({ count: await unreadCount(ctx, actor.id) })}\n\n`);
  const unsubscribe = onInbox(actor.id, () => void poll());
  const pollTimer = setInterval(() => void poll(), streamPollMs);
  const heartbeat = setInterval(() => write(`: ping\n\n`), heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(pollTimer);
    clearInterval(heartbeat);
    clearTimeout(limit);
    options.open.delete(close);
    raw.end();
  };
  options.open.add(close);
  const limit = options.maxSeconds === undefined ? undefined : setTimeout(close, options.maxSeconds * 1000);
  raw.on('close', close);
  await poll();
  if (options.maxSeconds === 0) close();
}
