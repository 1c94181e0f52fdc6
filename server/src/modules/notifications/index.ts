/**
 * Notifications: in-app inbox, live stream, SMS/email and webhooks, fanned out from case events.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { fanOutJob } from './fan-out.job.js';
export { emailStatus } from './mailer.js';
export { notificationsModule } from './notifications.module.js';
export { notify } from './notify.js';
