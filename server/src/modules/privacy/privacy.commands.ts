import type { CliCommand } from '../../platform/cli-command.js';
import { AppError } from '../../platform/errors.js';
import { systemActor } from '../../platform/audit/audit.record.js';
import { erasePerson } from './erasure.service.js';
import { KeyRotationError, rotateKeys } from './key-rotation.service.js';

function fail(message: string): number {
  console.error(`wangge: ${message}`);
  return 2;
}

function positiveInt(value: unknown, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new KeyRotationError(`--${option} must be a positive whole number`);
  return n;
}

/** `npm run wangge -- keys:rotate | people:erase` (docs/privacy.md). */
export const privacyCommands: Record<string, CliCommand> = {
  'keys:rotate': {
    summary: 'Rotate the personal-data key: add a new key, re-encrypt in batches, retire the old (--reencrypt-only with WANGGE_SECRET_KEY)',
    options: {
      'reencrypt-only': { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      'max-batches': { type: 'string' },
    },
    async run(ctx, io) {
      try {
        const result = await rotateKeys(ctx, {
          reencryptOnly: Boolean(io.values['reencrypt-only']),
          batchSize: positiveInt(io.values['batch-size'], 'batch-size'),
          maxBatches: positiveInt(io.values['max-batches'], 'max-batches'),
          out: (line) => io.out.write(line + '\n'),
        });
        return result.remaining > 0 ? 1 : 0;
      } catch (error) {
        if (error instanceof KeyRotationError) return fail(error.message);
        throw error;
      }
    },
  },
  'people:erase': {
    summary: "Erase a person's personal data on request (PIPL): --phone <number> --reason <text> [--dry-run]",
    options: { phone: { type: 'string' }, reason: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    async run(ctx, io) {
      const phone = io.values['phone'];
      if (typeof phone !== 'string') return fail('people:erase needs --phone <number> and --reason <text>');
      try {
        const report = await erasePerson(ctx, systemActor, { phone, reason: io.values['reason'] as string | undefined, dryRun: Boolean(io.values['dry-run']) });
        const verb = report.dryRun ? 'Would erase' : 'Erased';
        io.out.write(`${verb} ${report.total} record(s) of ${report.phone}${report.dryRun ? ' (dry run, nothing changed)' : ''}.\n`);
        for (const t of report.tables) {
          io.out.write(`  ${t.table}: ${t.rows}${t.references.length ? ` — linked to ${t.references.join(', ')}` : ''}\n`);
        }
        return 0;
      } catch (error) {
        if (error instanceof AppError && error.fieldErrors.length) return fail(error.fieldErrors.map((f) => `--${f.field}: ${f.message.en}`).join('; '));
        throw error;
      }
    },
  },
};
