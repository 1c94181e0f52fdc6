import type { Lang } from '../../platform/i18n.js';
import type { KnownEventType } from './event-types.js';

/**
 * Texts of every event type, zh-CN and English: a title (inbox, email subject) and a body
 * (inbox, email, staff SMS). Only references are filled in — the case number, the category's
 * name, a deadline in Asia/Shanghai, a level or grade — never names, phones or the description.
 */
interface Text {
  title: string;
  body: string;
}
type Template = Record<Lang, Text>;

const templates: Record<KnownEventType, Template> = {
  'case.reported': {
    zh: { title: '新案件 {number}', body: '新案件 {number}（{category}）已上报，请在 {deadline} 前响应。' },
    en: { title: 'New case {number}', body: 'Case {number} ({category}) was reported; respond by {deadline}.' },
  },
  'case.red': {
    zh: { title: '红色案件 {number}', body: '红色（紧急）案件 {number}（{category}）已上报，请值班人员立即处置。' },
    en: { title: 'Red case {number}', body: 'Urgent (red) case {number} ({category}) was reported; the officer on duty should act now.' },
  },
  'case.dispatched': {
    zh: { title: '派单：{number}', body: '案件 {number}（{category}）已派给您，请在 {deadline} 前办结。' },
    en: { title: 'Assigned: {number}', body: 'Case {number} ({category}) was assigned to you; resolve it by {deadline}.' },
  },
  'case.returned': {
    zh: { title: '回退：{number}', body: '案件 {number}（{category}）被承办方回退，请重新派单。' },
    en: { title: 'Returned: {number}', body: 'Case {number} ({category}) was returned by its assignee; dispatch it again.' },
  },
  'case.handled': {
    zh: { title: '待核查：{number}', body: '案件 {number}（{category}）已处置完毕，请核查后结案或返工。' },
    en: { title: 'To verify: {number}', body: 'Case {number} ({category}) was handled; verify it, then close it or send it back.' },
  },
  'case.closed': {
    zh: { title: '已结案：{number}', body: '案件 {number}（{category}）已结案。' },
    en: { title: 'Closed: {number}', body: 'Case {number} ({category}) was closed.' },
  },
  'case.rejected': {
    zh: { title: '不予受理：{number}', body: '案件 {number} 不予受理。' },
    en: { title: 'Rejected: {number}', body: 'Case {number} was rejected.' },
  },
  'case.rework': {
    zh: { title: '返工：{number}', body: '案件 {number}（{category}）核查未通过，请返工，期限 {deadline}。' },
    en: { title: 'Rework: {number}', body: 'Case {number} ({category}) failed verification; rework it by {deadline}.' },
  },
  'case.reopened': {
    zh: { title: '重新办理：{number}', body: '案件 {number}（{category}）因群众不满意已重新打开，请继续办理。' },
    en: { title: 'Reopened: {number}', body: 'Case {number} ({category}) was reopened after an unsatisfied rating; please continue.' },
  },
  'case.escalated': {
    zh: { title: '上提：{number}', body: '案件 {number}（{category}）已上提至{level}级办理，期限 {deadline}。' },
    en: { title: 'Escalated: {number}', body: 'Case {number} ({category}) was escalated to {level} level; resolve by {deadline}.' },
  },
  'case.extension-requested': {
    zh: { title: '延期申请：{number}', body: '案件 {number}（{category}）申请延期，请审批。' },
    en: { title: 'Extension requested: {number}', body: 'An extension was requested for case {number} ({category}); please decide.' },
  },
  'case.urged': {
    zh: { title: '催办：{number}', body: '案件 {number}（{category}）被催办，请尽快处置（期限 {deadline}）。' },
    en: { title: 'Urged: {number}', body: 'Case {number} ({category}) was urged; act on it soon (due {deadline}).' },
  },
  'case.whistle': {
    zh: { title: '吹哨：{number}', body: '案件 {number}（{category}）吹哨召集您到场，请在 {deadline} 前报到。' },
    en: { title: 'Whistle: {number}', body: 'You were summoned to case {number} ({category}); check in by {deadline}.' },
  },
  'case.whistle-emergency': {
    zh: { title: '应急哨：{number}', body: '应急哨！案件 {number}（{category}）召集您立即到场，请在 {deadline} 前报到。' },
    en: { title: 'Emergency whistle: {number}', body: 'Emergency! You were summoned to case {number} ({category}); check in by {deadline}.' },
  },
  'case.checkin-overdue': {
    zh: { title: '报到超时：{number}', body: '案件 {number}（{category}）吹哨后未按时报到，请立即报到。' },
    en: { title: 'Check-in overdue: {number}', body: 'The check-in for case {number} ({category}) is overdue; check in now.' },
  },
  'case.deadline-warning': {
    zh: { title: '即将超期：{number}', body: '案件 {number}（{category}）将于 {deadline} 到期，请抓紧办理。' },
    en: { title: 'Due soon: {number}', body: 'Case {number} ({category}) is due at {deadline}; please hurry.' },
  },
  'case.overdue': {
    zh: { title: '已超期：{number}', body: '案件 {number}（{category}）已于 {deadline} 超期。' },
    en: { title: 'Overdue: {number}', body: 'Case {number} ({category}) became overdue at {deadline}.' },
  },
  'case.supervision': {
    zh: { title: '督办：{number}', body: '案件 {number}（{category}）超期未办结，已生成督办单，请督促承办方办理。' },
    en: { title: 'Supervision notice: {number}', body: 'Case {number} ({category}) is overdue; a supervision notice was issued — see that it gets done.' },
  },
};

const fallback: Template = {
  zh: { title: '通知 {number}', body: '案件 {number} 有新动态。' },
  en: { title: 'Notice {number}', body: 'There is news on case {number}.' },
};

const levelNames: Record<string, Record<Lang, string>> = {
  grid: { zh: '网格', en: 'grid' },
  village: { zh: '村（社区）', en: 'village' },
  town: { zh: '镇（街道）', en: 'town' },
  department: { zh: '县直部门', en: 'department' },
};

export interface TemplateFacts {
  number?: string | null;
  categoryZh?: string | null;
  categoryEn?: string | null;
  /** The deadline the event is about (data.dueAt or data.checkInBy, else the case's; render-event.ts). */
  deadline?: Date | null;
  level?: string | null;
}

/** `2026-10-01 09:30` in Asia/Shanghai. */
export function formatShanghai(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function renderNotification(type: string, lang: Lang, facts: TemplateFacts): Text {
  const template = (templates as Record<string, Template>)[type] ?? fallback;
  const unknown = '—';
  const values: Record<string, string> = {
    number: facts.number ?? unknown,
    category: (lang === 'zh' ? facts.categoryZh : facts.categoryEn) ?? (lang === 'zh' ? '未分类' : 'uncategorised'),
    deadline: facts.deadline ? formatShanghai(facts.deadline) : unknown,
    level: facts.level ? (levelNames[facts.level]?.[lang] ?? facts.level) : unknown,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  return { title: fill(template[lang].title), body: fill(template[lang].body) };
}

/** The public tracking page of a case, with its code (what the reporter's SMS links to). */
export function trackingLink(publicBaseUrl: string, number: string, code: string): string {
  return `${publicBaseUrl}/r/track?number=${encodeURIComponent(number)}&code=${encodeURIComponent(code)}`;
}
