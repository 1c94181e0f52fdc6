import { domainEventBus, type DomainEventSubscriptions } from './platform/events.js';
import { auditModule } from './modules/audit/index.js';
import { categoriesModule } from './modules/categories/index.js';
import { calendarModule } from './modules/calendar/index.js';
import { deadlinesModule } from './modules/deadlines/index.js';
import { casesModule } from './modules/cases/index.js';
import { peopleModule } from './modules/people/index.js';
import { photosModule } from './modules/photos/index.js';
import { residentsModule } from './modules/residents/index.js';
import { integrationsModule } from './modules/integrations/index.js';
import { privacyModule } from './modules/privacy/index.js';
import { territoryModule } from './modules/territory/index.js';
import { contactCardsModule } from './modules/contact-cards/index.js';
import { householdsModule } from './modules/households/index.js';
import { visitsModule } from './modules/visits/index.js';
import { assignmentsModule } from './modules/assignments/index.js';
import { dutyModule } from './modules/duty/index.js';
import { supervisionModule } from './modules/supervision/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { whistlesModule } from './modules/whistles/index.js';
import { caseTimersModule } from './modules/case-timers/index.js';
import { tasksModule } from './modules/tasks/index.js';
import { residentCasesModule } from './modules/resident-cases/index.js';
import { ratingsModule } from './modules/ratings/index.js';
import { classificationModule } from './modules/classification/index.js';
import { duplicatesModule } from './modules/duplicates/index.js';
import type { CaseExtension } from './modules/cases/index.js';
import type { TerritoryExtension } from './modules/territory/index.js';

/** Every feature module, registered in this order. Read top to bottom to know what the API is. */
export const modules = [territoryModule, peopleModule, categoriesModule, calendarModule, deadlinesModule, casesModule, caseTimersModule, tasksModule, photosModule, auditModule, privacyModule, residentsModule, residentCasesModule, integrationsModule, householdsModule, supervisionModule, whistlesModule, ratingsModule, notificationsModule, visitsModule, contactCardsModule, assignmentsModule, dutyModule, classificationModule, duplicatesModule] as const;

/** Every module's reactions to domain events (`on` in its manifest), in module order: openContext puts it in the context. */
export const domainEvents = domainEventBus(modules.flatMap((m): readonly DomainEventSubscriptions[] => ('on' in m ? [m.on] : [])));

/** What plugs into cases (case-extension.ts): each module's `caseExtension` (effects of its actions, facts, listeners), in module order. */
export const caseExtensions: readonly CaseExtension[] = modules.flatMap((m): readonly CaseExtension[] => ('caseExtension' in m ? [m.caseExtension] : []));

/** What plugs into territory (territory-extension.ts), from each module's `territoryExtension`. */
export const territoryExtensions: readonly TerritoryExtension[] = modules.flatMap((m): readonly TerritoryExtension[] => ('territoryExtension' in m ? [m.territoryExtension] : []));
