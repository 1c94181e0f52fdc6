import { z } from 'zod';
import { caseStatuses, trackView } from '../cases/index.js';
import { textInput } from '../../platform/text.js';

export const residentCaseSummary = z
  .object({
    id: z.string().uuid(),
    number: z.string(),
    trackingCode: z.string(),
    status: z.enum(caseStatuses),
    statusLabel: z.string(),
    category: z.string().nullable(),
    description: z.string(),
    area: z.string().describe('Town and village only'),
    reportedAt: z.string(),
    closedAt: z.string().nullable(),
    lastUpdate: z.object({ at: z.string(), label: z.string(), status: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'ResidentCaseSummary' });

export const residentCaseList = z
  .object({ items: z.array(residentCaseSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'ResidentCaseList' });

export const residentCaseDetail = trackView
  .extend({ id: z.string().uuid(), trackingCode: z.string(), description: z.string() })
  .meta({ id: 'ResidentCase' });

export const residentCasesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: textInput().max(100).optional().describe('`nextCursor` from the previous page'),
});

export const residentCaseParams = z.object({ id: textInput().uuid('诉求编号格式不正确|not a case id') });
