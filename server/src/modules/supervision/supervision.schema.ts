import { z } from 'zod';
import { autoEscalationOutcomes, noticeKinds, noticeVias } from './supervision.tables.js';
import { multilineInput, textInput } from '../../platform/text.js';

const day = textInput().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-11-22|a date like 2026-11-22');

export const noticeIdParams = z.object({ id: z.uuid('督办单编号格式不正确|not a supervision notice id') });
export const caseNoticesParams = z.object({ id: z.uuid('案件编号格式不正确|not a case id') });

export const listNoticesQuery = z.object({
  unacknowledged: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: only notices not acknowledged yet'),
  kind: z.enum(noticeKinds).optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: only notices addressed to me'),
  from: day.optional().describe('Issued on or after this Shanghai day'),
  to: day.optional().describe('Issued on or before this Shanghai day'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListNoticesQuery = z.infer<typeof listNoticesQuery>;

export const acknowledgeBody = z.object({
  reply: multilineInput().trim().min(1, '请填写回复|reply required').max(1000, '回复不超过 1000 字|reply at most 1000 characters'),
});

export const issueNoticeBody = z.object({
  caseId: z.uuid('案件编号格式不正确|not a case id'),
  note: multilineInput().trim().min(1, '请填写督办意见|note required').max(1000, '督办意见不超过 1000 字|note at most 1000 characters'),
  replyBy: z.iso.datetime({ offset: true, message: '请使用 ISO 8601 时间|use an ISO 8601 time' }).optional().describe('When a reply is expected'),
  addressedTo: z.array(z.uuid('人员编号格式不正确|not a staff id')).min(1).max(20).optional().describe('Staff to address; default: one step up the ladder'),
});
export type IssueNoticeBody = z.infer<typeof issueNoticeBody>;

const person = z.object({ id: z.string(), name: z.string() });

export const noticeView = z
  .object({
    id: z.string(),
    number: z.string().describe('DB-<county>-<day>-<serial>'),
    caseId: z.string(),
    caseNumber: z.string(),
    kind: z.enum(noticeKinds),
    issuedAt: z.string(),
    issuedBy: person.nullable().describe('null: issued by the system (deadline sweep)'),
    addressees: z.array(person),
    via: z.enum(noticeVias),
    level: z.string(),
    dueAt: z.string().nullable(),
    overdueMinutes: z.number().int(),
    note: z.string().nullable(),
    autoEscalation: z.enum(autoEscalationOutcomes).nullable(),
    escalatedToLevel: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: person.nullable(),
    reply: z.string().nullable(),
    canAcknowledge: z.boolean().describe('You are an addressee and it is not acknowledged yet'),
  })
  .meta({ id: 'SupervisionNotice' });
export type NoticeView = z.infer<typeof noticeView>;

export const noticeListView = z.object({ items: z.array(noticeView), total: z.number().int() }).meta({ id: 'SupervisionNoticeList' });
