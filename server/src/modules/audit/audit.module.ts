import { auditRoutes } from './audit.routes.js';
import { sealAuditJob } from './audit.seal.js';

/**
 * Audit trail: rows written with each change (`recordAudit`), chained by the `audit.seal` job,
 * read and verified by administrators (and `wangge audit:verify`).
 */
export const auditModule = { name: 'audit', routes: auditRoutes, jobs: [sealAuditJob] } as const;
