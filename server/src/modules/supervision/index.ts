/**
 * 督办: supervision notices, auto-escalation of overdue cases, printable notices.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { issueSupervisionNotice } from './notice-issue.js';
export { supervisionModule } from './supervision.module.js';
export { listNotices } from './supervision.queries.js';
