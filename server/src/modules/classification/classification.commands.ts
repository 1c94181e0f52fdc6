import type { CliCommand } from '../../platform/cli-command.js';
import { trainModels } from './training.service.js';

/** `npm run wangge -- classification:train [--seed N]` (docs/classification.md). */
export const classificationCommands: Record<string, CliCommand> = {
  'classification:train': {
    summary: 'Train candidate suggestion models (category, route) from the closed cases now and print their held-out scores',
    options: { seed: { type: 'string' } },
    async run(ctx, io) {
      const seedText = io.values.seed;
      const seed = seedText === undefined ? undefined : Number(seedText);
      if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2_147_483_647)) {
        console.error('wangge: --seed must be a whole number from 0 to 2147483647');
        return 2;
      }
      const outcomes = await trainModels(ctx, null, { seed });
      for (const o of outcomes) {
        io.out.write(
          o.trained
            ? `${o.kind}: v${o.version} trained on ${o.examples - o.heldOut} cases, held out ${o.heldOut}: accuracy ${fmt(o.accuracy)}, macro-F1 ${fmt(o.macroF1)} (candidate; switch it on in the console)\n`
            : `${o.kind}: not trained — ${o.reason}\n`,
        );
      }
      return 0;
    },
  },
};

function fmt(x: number | null): string {
  return x === null ? '—' : x.toFixed(3);
}
