import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import type { CaseRow } from '../cases/cases.tables.js';
import type { NotificationEventRow } from './notifications.tables.js';
import { renderNotification, type TemplateFacts } from './templates.js';

/** The references a template may show, looked up from the event and its case. */
export function factsOf(ctx: AppContext, event: Pick<NotificationEventRow, 'data'>, c: CaseRow | undefined): TemplateFacts {
  const category = c?.categoryCode ? ctx.categories.get(c.categoryCode) : undefined;
  const dueAt = typeof event.data['dueAt'] === 'string' ? new Date(event.data['dueAt']) : null;
  const deadline = dueAt && !Number.isNaN(dueAt.getTime()) ? dueAt : (c?.resolveBy ?? c?.respondBy ?? null);
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
