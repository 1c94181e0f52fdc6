import { z } from 'zod';
import { auditActorKinds } from '../../platform/audit/audit.tables.js';
import { textInput } from '../../platform/text.js';

const instant = z.iso.datetime({ offset: true, message: '请使用 ISO 8601 时间，如 2026-11-22T08:00:00Z|use an ISO 8601 time such as 2026-11-22T08:00:00Z' });

export const auditListQuery = z.object({
  action: textInput()
    .trim()
    .regex(/^[a-z0-9._-]{1,60}$/, '操作名由小写字母、数字和 . _ - 组成|lowercase letters, digits and . _ -')
    .optional()
    .describe('Action prefix: `case.` for every case action, `case.dispatch` for one'),
  actorId: z.uuid().optional().describe('Rows written by this staff member (or other actor id)'),
  entityType: textInput().trim().regex(/^[a-z_]{1,40}$/).optional().describe('e.g. case, category, category_group, grid_import, photo'),
  entityId: textInput().trim().min(1).max(100).optional(),
  from: instant.optional().describe('At or after this time'),
  to: instant.optional().describe('Before this time'),
  cursor: textInput().max(200).optional().describe('`nextCursor` of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntryView = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(auditActorKinds),
      id: z.string().nullable(),
      name: z.string().nullable().describe('Staff display name; null for everyone else (no personal data here)'),
    }),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    entityName: z.string().nullable().describe('Display name of a staff account the entry is about; null for other objects'),
    data: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
    seq: z.number().int().nullable().describe('Position in the hash chain; null until the sealing job has chained the row'),
    hash: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditListView = z.object({ items: z.array(auditEntryView), nextCursor: z.string().nullable() }).meta({ id: 'AuditList' });

export const auditVerdictView = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().describe('Sealed rows whose hashes were recomputed'),
    headSeq: z.number().int().nullable(),
    headHash: z.string().nullable().describe('Keep it somewhere else: it is what proves the newest rows were not cut off'),
    unsealed: z.number().int().describe('Rows written but not chained yet (not covered by this verdict)'),
    problem: z
      .object({
        kind: z.enum(['edited', 'removed', 'reordered']),
        seq: z.number().int().describe('First position where the chain breaks'),
        id: z.string().nullable(),
        detail: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'AuditVerdict' });
