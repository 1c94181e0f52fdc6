/**
 * The audit trail's API: list, seal (the hash chain job) and verify.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { auditModule } from './audit.module.js';
export { sealAuditLog } from './audit.seal.js';
export { verifyAuditChain } from './audit.verify.js';
