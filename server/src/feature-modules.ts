import { domainEventBus, type DomainEventSubscriptions } from './platform/events.js';
import { auditModule } from './modules/audit/audit.module.js';
import { categoriesModule } from './modules/categories/categories.module.js';
import { calendarModule } from './modules/calendar/calendar.module.js';
import { deadlinesModule } from './modules/deadlines/deadlines.module.js';
import { casesModule } from './modules/cases/cases.module.js';
import { peopleModule } from './modules/people/people.module.js';
import { photosModule } from './modules/photos/photos.module.js';
import { residentsModule } from './modules/residents/residents.module.js';
import { integrationsModule } from './modules/integrations/integrations.module.js';
import { privacyModule } from './modules/privacy/privacy.module.js';
import { territoryModule } from './modules/territory/territory.module.js';
import { contactCardsModule } from './modules/contact-cards/contact-cards.module.js';
import { householdsModule } from './modules/households/households.module.js';
import { visitsModule } from './modules/visits/visits.module.js';
import { assignmentsModule } from './modules/assignments/assignments.module.js';
import { dutyModule } from './modules/duty/duty.module.js';
import { supervisionModule } from './modules/supervision/supervision.module.js';
import { notificationsModule } from './modules/notifications/notifications.module.js';
import { whistlesModule } from './modules/whistles/whistles.module.js';
import { caseTimersModule } from './modules/case-timers/case-timers.module.js';
import { tasksModule } from './modules/tasks/tasks.module.js';
import { residentCasesModule } from './modules/resident-cases/resident-cases.module.js';
import { ratingsModule } from './modules/ratings/ratings.module.js';
import type { CaseExtension } from './modules/cases/case-extension.js';
import type { TerritoryExtension } from './modules/territory/territory-extension.js';

/** Every feature module, registered in this order. Read top to bottom to know what the API is. */
export const modules = [territoryModule, peopleModule, categoriesModule, calendarModule, deadlinesModule, casesModule, caseTimersModule, tasksModule, photosModule, auditModule, privacyModule, residentsModule, residentCasesModule, integrationsModule, householdsModule, supervisionModule, whistlesModule, ratingsModule, notificationsModule, visitsModule, contactCardsModule, assignmentsModule, dutyModule] as const;

/** Every module's reactions to domain events (`on` in its manifest), in module order: openContext puts it in the context. */
export const domainEvents = domainEventBus(modules.flatMap((m): readonly DomainEventSubscriptions[] => ('on' in m ? [m.on] : [])));

/** What plugs into cases (case-extension.ts): each module's `caseExtension` (effects of its actions, facts, listeners), in module order. */
export const caseExtensions: readonly CaseExtension[] = modules.flatMap((m): readonly CaseExtension[] => ('caseExtension' in m ? [m.caseExtension] : []));

/** What plugs into territory (territory-extension.ts), from each module's `territoryExtension`. */
export const territoryExtensions: readonly TerritoryExtension[] = modules.flatMap((m): readonly TerritoryExtension[] => ('territoryExtension' in m ? [m.territoryExtension] : []));
