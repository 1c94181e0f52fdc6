import { desc } from 'drizzle-orm';
import { defineJob } from '../../platform/jobs/jobs.js';
import { shanghaiHour } from '../../platform/shanghai-time.js';
import { classifierModels } from './classification.tables.js';
import { trainModels } from './training.service.js';

/** On demand (an admin's 重新训练): trains a candidate of each kind. */
export const trainModelsJob = defineJob<{ seed?: number }>({
  kind: 'classification.train',
  maxAttempts: 2,
  leaseSeconds: 1800,
  async run(ctx, payload) {
    await trainModels(ctx, null, { seed: payload.seed });
  },
});

/** Nightly: looks every hour, trains once between 02:00 and 03:00 Shanghai time if nothing was trained in the last 20 hours. */
export const nightlyTrainingJob = defineJob({
  kind: 'classification.train-nightly',
  everySeconds: 3600,
  leaseSeconds: 1800,
  async run(ctx) {
    const now = ctx.clock.now();
    if (shanghaiHour(now) !== 2) return;
    const [latest] = await ctx.db.select({ at: classifierModels.trainedAt }).from(classifierModels).orderBy(desc(classifierModels.trainedAt)).limit(1);
    if (latest && now.getTime() - latest.at.getTime() < 20 * 3600_000) return;
    await trainModels(ctx, null);
  },
});
