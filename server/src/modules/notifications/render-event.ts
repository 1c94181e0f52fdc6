import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import type { CaseRow } from '../cases/cases.tables.js';
import type { NotificationEventRow } from './notifications.tables.js';
import { renderNotification, type TemplateFacts } from './templates.js';

function dateIn(data: Record<string, unknown>, key: string): Date | null {
  const value = data[key];
  const at = typeof value === 'string' ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

/**
 * The deadline an event is about: the one it carries (a timer's `dueAt`, a whistle's `checkInBy`),
 * else the case's — respond-by for a new case, resolve-by once it is being worked on.
 */
function deadlineOf(event: Pick<NotificationEventRow, 'type' | 'data'>, c: CaseRow | undefined): Date | null {
  const carried = dateIn(event.data, 'dueAt') ?? dateIn(event.data, 'checkInBy');
  if (carried) return carried;
  if (event.type === 'case.reported') return c?.respondBy ?? null;
  return c?.resolveBy ?? c?.respondBy ?? null;
}

/** The references a template may show, looked up from the event and its case. */
export function factsOf(ctx: AppContext, event: Pick<NotificationEventRow, 'type' | 'data'>, c: CaseRow | undefined): TemplateFacts {
  const category = c?.categoryCode ? ctx.categories.get(c.categoryCode) : undefined;
  const deadline = deadlineOf(event, c);
  return {
    number: c?.number ?? (typeof event.data['number'] === 'string' ? event.data['number'] : null),
    categoryZh: category?.nameZh ?? null,
    categoryEn: category?.nameEn ?? null,
    deadline,
    level: typeof event.data['toLevel'] === 'string' ? event.data['toLevel'] : (c?.level ?? null),
  };
}

export function renderEvent(ctx: AppContext, event: Pick<NotificationEventRow, 'type' | 'data'>, c: CaseRow | undefined, lang: Lang) {
  return renderNotification(event.type, lang, factsOf(ctx, event, c));
}
