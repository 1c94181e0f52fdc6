import { z } from 'zod';
import { piiSubjectTypes } from './privacy.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';

const reason = multilineInput()
  .max(500)
  .optional()
  .describe('Why you need to see it (required, at least 4 characters; without one: 422 REASON_REQUIRED). Recorded with the reveal.');

export const revealBody = z
  .object({
    reason,
    fields: z
      .array(z.enum(['name', 'phone']))
      .min(1)
      .max(2)
      .optional()
      .describe('Which values to reveal (default both)'),
  })
  .meta({ id: 'RevealRequest' });
export type RevealInput = z.infer<typeof revealBody>;

export const revealView = z
  .object({
    revealId: z.string().uuid(),
    caseId: z.string().uuid(),
    caseNumber: z.string(),
    fields: z.array(z.enum(['name', 'phone'])).describe('The fields revealed (those the reporter gave)'),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    revealedAt: z.string(),
  })
  .meta({ id: 'RevealedReporter' });

const isoDate = textInput()
  .refine((s) => !Number.isNaN(Date.parse(s)), '请填写日期时间（ISO 8601）|an ISO 8601 date or time');

export const listRevealsQuery = z.object({
  staff: textInput().trim().min(1).max(64).optional().describe('A staff id or username'),
  case: textInput().trim().min(1).max(64).optional().describe('A case id or number'),
  from: isoDate.optional().describe('From this time (inclusive)'),
  to: isoDate.optional().describe('Until this time (exclusive)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: textInput().max(200).optional(),
});
export type ListRevealsQuery = z.infer<typeof listRevealsQuery>;

export const revealLogEntry = z
  .object({
    id: z.string().uuid(),
    at: z.string(),
    staff: z.object({ id: z.string().uuid(), name: z.string(), username: z.string(), role: z.string() }),
    subject: z.object({ type: z.enum(piiSubjectTypes), id: z.string().uuid() }).describe('Whose data: a reference, never the data'),
    case: z.object({ id: z.string().uuid(), number: z.string() }).nullable(),
    fields: z.array(z.string()),
    reason: z.string(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'RevealLogEntry' });

export const revealLogView = z.object({ items: z.array(revealLogEntry), nextCursor: z.string().nullable() }).meta({ id: 'RevealLog' });

export const erasureBody = z
  .object({
    phone: textInput().trim().min(7).max(20).describe("The person's phone number, as they gave it"),
    reason: multilineInput().max(500).optional().describe('Why (the request reference, e.g. 本人来电申请删除 2026-11-22); required, ≥ 4 characters'),
    dryRun: z.boolean().default(false).describe('Only report what would be erased'),
  })
  .meta({ id: 'ErasureRequest' });

export const erasureView = z
  .object({
    dryRun: z.boolean(),
    phone: z.string().describe('Masked'),
    total: z.number().int(),
    tables: z.array(z.object({ table: z.string(), rows: z.number().int(), references: z.array(z.string()).describe('e.g. the case numbers a reporter is linked to') })),
    erasedAt: z.string().nullable(),
  })
  .meta({ id: 'ErasureReport' });

