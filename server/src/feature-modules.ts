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

/** Every feature module, registered in this order. Read top to bottom to know what the API is. */
export const modules = [territoryModule, peopleModule, categoriesModule, calendarModule, deadlinesModule, casesModule, photosModule, auditModule, privacyModule, residentsModule, integrationsModule, householdsModule, supervisionModule, whistlesModule, notificationsModule, visitsModule, contactCardsModule, assignmentsModule, dutyModule] as const;

/** Every module's reactions to domain events (`on` in its manifest), in module order: openContext puts it in the context. */
export const domainEvents = domainEventBus(modules.flatMap((m): readonly DomainEventSubscriptions[] => ('on' in m ? [m.on] : [])));
