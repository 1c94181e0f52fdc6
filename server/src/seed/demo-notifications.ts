import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.js';
import { systemClock } from '../platform/clock.js';
import { fanOutJob } from '../modules/notifications/index.js';
import { runDueJobs } from '../platform/jobs/worker.js';

/**
 * The demo's case history made notification events as it was replayed. Fan them out now, so the demo
 * inboxes have something in them, but send none of it: texting demo reporters (or mailing demo staff)
 * about weeks-old cases at first start would be noise, and every test copy would drain it again.
 * Their email/SMS/webhook deliveries are recorded as skipped and their send jobs finished.
 */
export async function settleDemoNotifications(ctx: AppContext): Promise<void> {
  await runDueJobs({ ...ctx, clock: systemClock }, [fanOutJob], { maxJobs: 100_000 });
  const now = new Date();
  await ctx.db.execute(sql`update notification_deliveries set status = 'skipped', last_error = 'demo history: not sent', updated_at = ${now} where status = 'pending'`);
  await ctx.db.execute(sql`update webhook_deliveries set status = 'dead', last_error = 'demo history: not sent', updated_at = ${now} where status = 'pending'`);
  await ctx.db.execute(sql`update jobs set status = 'done', finished_at = ${now}, updated_at = ${now}
    where status = 'queued' and kind in ('notifications.send', 'webhooks.deliver')`);
}
