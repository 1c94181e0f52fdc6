/** Every table, for Drizzle and drizzle-kit. Each module owns its tables; this only gathers them. */
export * from '../../modules/territory/territory.tables.js';
export * from '../../modules/people/people.tables.js';
export * from '../../modules/categories/categories.tables.js';
export * from '../../modules/cases/cases.tables.js';
export * from '../../modules/photos/photos.tables.js';
export * from '../../modules/audit/audit.tables.js';
export * from '../jobs/jobs.tables.js';
export * from '../../modules/privacy/privacy.tables.js';
export * from '../../modules/residents/residents.tables.js';
export * from '../../modules/integrations/api-keys.tables.js';
export * from '../../modules/assignments/assignments.tables.js';
export * from '../../modules/duty/duty.tables.js';
export * from '../../modules/calendar/calendar.tables.js';
export * from '../../modules/deadlines/deadlines.tables.js';
export * from '../../modules/households/households.tables.js';
export * from '../../modules/notifications/notifications.tables.js';
export * from '../../modules/whistles/whistles.tables.js';
