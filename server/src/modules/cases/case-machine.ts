import type { Bilingual } from '../../platform/i18n.js';
import type { VerificationRule } from '../categories/categories.tables.js';

/**
 * The case lifecycle of DOMAIN.md as data. `cases.policy.ts` adds who may act;
 * `decide()` there is the one pure function routes, jobs and imports go through.
 */
export const caseStatuses = [
  'reported',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'returned',
  'in_progress',
  'handled',
  'rework',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** States in which a case still needs work (used by "overdue" and inbox filters). */
export const openStatuses: readonly CaseStatus[] = ['reported', 'accepted', 'dispatched', 'returned', 'in_progress', 'handled', 'rework'];
/** States in which the resolve clock runs. */
export const resolvingStatuses: readonly CaseStatus[] = ['accepted', 'dispatched', 'returned', 'in_progress', 'rework'];

export const caseActions = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'return',
  'take',
  'handle',
  'close',
  'rework',
  'reopen',
  'escalate',
  'request-extension',
  'approve-extension',
  'long-term',
  'whistle',
  'check-in',
  'report-progress',
  'urge',
  'rate',
  'follow-up',
] as const;
export type CaseAction = (typeof caseActions)[number];

export interface TransitionRule {
  from: readonly CaseStatus[];
  /**
   * `null`: the action changes no state (escalate, extensions, long-term, whistles, urging,
   * follow-up). `rate` is null too: its effect may close, rework or reopen (verification by the reporter).
   */
  to: CaseStatus | null;
}

export const transitions: Record<CaseAction, TransitionRule> = {
  accept: { from: ['reported'], to: 'accepted' },
  reject: { from: ['reported'], to: 'rejected' },
  merge: { from: ['reported'], to: 'merged' },
  // Dispatching again from `dispatched` is a reassignment.
  dispatch: { from: ['accepted', 'returned', 'dispatched'], to: 'dispatched' },
  return: { from: ['dispatched'], to: 'returned' },
  take: { from: ['dispatched', 'rework'], to: 'in_progress' },
  handle: { from: ['in_progress'], to: 'handled' },
  close: { from: ['handled'], to: 'closed' },
  rework: { from: ['handled'], to: 'rework' },
  reopen: { from: ['closed'], to: 'in_progress' },
  escalate: { from: ['accepted', 'dispatched', 'returned', 'in_progress', 'rework'], to: null },
  'request-extension': { from: ['in_progress'], to: null },
  'approve-extension': { from: ['in_progress'], to: null },
  'long-term': { from: ['in_progress'], to: null },
  whistle: { from: ['accepted', 'dispatched', 'returned', 'in_progress', 'rework'], to: null },
  'check-in': { from: ['accepted', 'dispatched', 'returned', 'in_progress', 'handled', 'rework'], to: null },
  'report-progress': { from: ['accepted', 'dispatched', 'returned', 'in_progress', 'handled', 'rework'], to: null },
  urge: { from: ['reported', 'accepted', 'dispatched', 'returned', 'in_progress', 'handled', 'rework'], to: null },
  rate: { from: ['handled', 'closed'], to: null },
  'follow-up': { from: ['handled', 'closed'], to: null },
};

/**
 * What the system does by itself right after an action, by the category's verification rule: an
 * inquiry (verification "none") closes as soon as it is answered — a second event, by the system.
 */
export const automaticSteps = {
  'auto-close': { after: 'handle', verification: 'none', to: 'closed' },
} as const satisfies Record<string, { after: CaseAction; verification: VerificationRule; to: CaseStatus }>;
export type AutomaticStep = keyof typeof automaticSteps;

export const statusLabels: Record<CaseStatus, Bilingual> = {
  reported: { zh: '上报', en: 'Reported' },
  accepted: { zh: '已受理', en: 'Accepted' },
  rejected: { zh: '不予受理', en: 'Rejected' },
  merged: { zh: '已合并', en: 'Merged' },
  dispatched: { zh: '已派单', en: 'Dispatched' },
  returned: { zh: '已回退', en: 'Returned' },
  in_progress: { zh: '处置中', en: 'In progress' },
  handled: { zh: '处置完毕', en: 'Handled' },
  rework: { zh: '返工', en: 'Rework' },
  closed: { zh: '已结案', en: 'Closed' },
};

export const actionLabels: Record<CaseAction | 'create' | 'auto-close', Bilingual> = {
  create: { zh: '上报', en: 'Report' },
  accept: { zh: '受理', en: 'Accept' },
  reject: { zh: '不予受理', en: 'Reject' },
  merge: { zh: '合并', en: 'Merge' },
  dispatch: { zh: '派单', en: 'Dispatch' },
  return: { zh: '回退', en: 'Return' },
  take: { zh: '接单', en: 'Take' },
  handle: { zh: '处置反馈', en: 'Report result' },
  close: { zh: '核查通过并结案', en: 'Verify and close' },
  rework: { zh: '核查不通过(返工)', en: 'Send back for rework' },
  reopen: { zh: '重新办理', en: 'Reopen' },
  escalate: { zh: '上提', en: 'Escalate' },
  'request-extension': { zh: '申请延期', en: 'Request extension' },
  'approve-extension': { zh: '审批延期', en: 'Decide extension' },
  'long-term': { zh: '挂账', en: 'Mark long-term' },
  whistle: { zh: '吹哨', en: 'Blow the whistle' },
  'check-in': { zh: '报到', en: 'Check in' },
  'report-progress': { zh: '报告进展', en: 'Report progress' },
  urge: { zh: '催办', en: 'Urge' },
  rate: { zh: '评价', en: 'Rate' },
  'follow-up': { zh: '回访', en: 'Follow up' },
  'auto-close': { zh: '答复即结案', en: 'Closed on answer' },
};

/** What each action asks of the person doing it; the console builds its forms from this. */
export interface ActionInputField {
  name: string;
  type: 'text' | 'integer' | 'date' | 'target' | 'case' | 'decision' | 'photos' | 'choice' | 'boolean' | 'units';
  required: boolean;
  label: Bilingual;
  /** For `choice`: the values to pick from, with their labels. */
  options?: Array<{ value: string; label: Bilingual }>;
}

const choice = (name: string, label: Bilingual, options: Array<[string, string, string]>, required = true): ActionInputField => ({
  name,
  type: 'choice',
  required,
  label,
  options: options.map(([value, zh, en]) => ({ value, label: { zh, en } })),
});
const ratingOptions: Array<[string, string, string]> = [
  ['satisfied', '满意', 'Satisfied'],
  ['fairlySatisfied', '基本满意', 'Fairly satisfied'],
  ['dissatisfied', '不满意', 'Dissatisfied'],
];
export const whistleGradeLabels: Record<'routine' | 'raised' | 'emergency', Bilingual> = {
  routine: { zh: '基础哨', en: 'Routine' },
  raised: { zh: '提升哨', en: 'Raised' },
  emergency: { zh: '应急哨', en: 'Emergency' },
};

const reason = (label: Bilingual, required = true): ActionInputField => ({ name: 'reason', type: 'text', required, label });
const note: ActionInputField = { name: 'note', type: 'text', required: false, label: { zh: '备注', en: 'Note' } };

export const actionInputs: Record<CaseAction, ActionInputField[]> = {
  accept: [note],
  reject: [reason({ zh: '不予受理理由', en: 'Reason for rejecting' })],
  merge: [
    { name: 'intoCaseId', type: 'case', required: true, label: { zh: '合并到案件', en: 'Merge into case' } },
    note,
  ],
  dispatch: [{ name: 'target', type: 'target', required: true, label: { zh: '派往', en: 'Dispatch to' } }, note],
  return: [reason({ zh: '回退理由', en: 'Reason for returning' })],
  take: [note],
  handle: [
    { name: 'result', type: 'text', required: true, label: { zh: '处置结果', en: 'Result' } },
    { name: 'evidence', type: 'photos', required: false, label: { zh: '处置照片', en: 'Evidence photos' } },
  ],
  close: [note],
  rework: [reason({ zh: '返工理由', en: 'Reason for rework' })],
  reopen: [reason({ zh: '重新办理理由', en: 'Reason for reopening' })],
  escalate: [
    reason({ zh: '上提理由', en: 'Reason for escalating' }),
    { name: 'targetUnitId', type: 'target', required: false, label: { zh: '承办部门(上提至部门时必填)', en: 'Department (required when escalating to a department)' } },
  ],
  'request-extension': [
    { name: 'hours', type: 'integer', required: true, label: { zh: '延期小时数', en: 'Extra hours' } },
    reason({ zh: '延期理由', en: 'Reason' }),
  ],
  'approve-extension': [
    { name: 'decision', type: 'decision', required: true, label: { zh: '审批结果', en: 'Decision' } },
    { name: 'hours', type: 'integer', required: false, label: { zh: '批准小时数', en: 'Approved hours' } },
    note,
  ],
  'long-term': [
    reason({ zh: '挂账理由', en: 'Reason' }),
    { name: 'reviewDate', type: 'date', required: true, label: { zh: '复核日期', en: 'Review date' } },
  ],
  whistle: [
    choice('grade', { zh: '哨级', en: 'Grade' }, (['routine', 'raised', 'emergency'] as const).map((g) => [g, whistleGradeLabels[g].zh, whistleGradeLabels[g].en])),
    reason({ zh: '吹哨事由', en: 'Reason' }),
    { name: 'departments', type: 'units', required: false, label: { zh: '召集部门(提升哨、应急哨)', en: 'Departments to summon (raised, emergency)' } },
  ],
  'check-in': [note],
  'report-progress': [
    { name: 'note', type: 'text', required: true, label: { zh: '进展情况', en: 'Progress' } },
    { name: 'completed', type: 'boolean', required: true, label: { zh: '本方任务已完成', en: 'Our part is done' } },
    { name: 'evidence', type: 'photos', required: false, label: { zh: '现场照片', en: 'Photos' } },
  ],
  urge: [{ name: 'note', type: 'text', required: true, label: { zh: '催办意见', en: 'What to hurry' } }],
  rate: [
    choice('rating', { zh: '评价', en: 'Rating' }, ratingOptions),
    { name: 'comment', type: 'text', required: false, label: { zh: '评价内容(代群众填写)', en: "Comment (on the reporter's behalf)" } },
  ],
  'follow-up': [
    choice('method', { zh: '回访方式', en: 'Method' }, [
      ['phone', '电话', 'Phone'],
      ['visit', '上门', 'Visit'],
      ['sms', '短信', 'SMS'],
    ]),
    { name: 'result', type: 'text', required: true, label: { zh: '回访情况', en: 'What they said' } },
    choice('observedSatisfaction', { zh: '群众满意度', en: 'Satisfaction observed' }, ratingOptions, false),
  ],
};
