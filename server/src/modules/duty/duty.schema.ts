import { z } from 'zod';
import { assignedStaffView, isoDate } from '../assignments/index.js';
import { territoryCode } from '../people/index.js';
import { multilineInput, textInput } from '../../platform/text.js';

const instant = z.iso.datetime({ offset: true }).describe('ISO 8601 with offset, e.g. 2026-11-23T17:30:00+08:00');
const monday = isoDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, '应为周一的日期|must be a Monday');

export const dutyShiftView = z.object({
  id: z.string().uuid(),
  town: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  staff: assignedStaffView,
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  cancelledAt: z.string().nullable(),
}).meta({ id: 'DutyShift' });

export const dutyListQuery = z.object({
  town: territoryCode,
  from: isoDate.describe('First day (Asia/Shanghai)'),
  to: isoDate.describe('Last day, at most 62 days after from'),
  cancelled: z.enum(['true', 'false']).default('false'),
});

export const dutyListView = z.object({ items: z.array(dutyShiftView) }).meta({ id: 'DutyShiftList' });

export const createDutyShiftBody = z.object({
  townCode: territoryCode,
  staffId: textInput().uuid(),
  startsAt: instant,
  endsAt: instant,
  note: multilineInput().trim().max(200).nullable().default(null),
}).meta({ id: 'CreateDutyShift' });

export const copyWeekBody = z.object({
  townCode: territoryCode,
  fromWeek: monday.describe('Monday of the week to copy'),
  toWeek: monday.describe('Monday of the week to fill'),
}).meta({ id: 'CopyDutyWeek' });

export const copyWeekView = z.object({
  created: z.number().int(),
  skipped: z.number().int().describe('Shifts not copied because the person already has a shift overlapping them'),
}).meta({ id: 'DutyWeekCopied' });

export const dutyParams = z.object({ id: textInput().uuid() });

export const onDutyQuery = z.object({ town: territoryCode, at: instant.optional().describe('Default: now') });

export const onDutyView = z.object({
  at: z.string(),
  staff: z.array(assignedStaffView),
  via: z.enum(['roster', 'fallback']).describe('fallback: nobody rostered, the town center operators answer'),
}).meta({ id: 'OnDuty' });
