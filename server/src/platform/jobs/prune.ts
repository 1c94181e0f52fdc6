import { sql } from 'drizzle-orm';
import { defineJob } from './jobs.js';

/**
 * Deletes finished one-off jobs a week after they finished, so the table stays small. Jobs with a
 * dedupe key are kept (the key is what stops the same work being enqueued twice), and so are
 * failed jobs (someone should look at them).
 */
export const pruneJobsJob = defineJob({
  kind: 'jobs.prune',
  everySeconds: 6 * 3600,
  async run(ctx) {
    const before = new Date(ctx.clock.now().getTime() - 7 * 24 * 3600 * 1000);
    await ctx.db.execute(sql`delete from jobs where status = 'done' and dedupe_key is null and finished_at < ${before}`);
  },
});
