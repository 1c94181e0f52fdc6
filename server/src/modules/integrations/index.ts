/**
 * API keys for outside systems (hotline, Open311): issue, revoke, and the caller they stand for.
 *
 * This file is the module's face: other modules, app.ts, the CLI and the seed use only what it exports.
 */
export { apiKeyFrom, authenticateApiKey } from './api-key-auth.js';
export { integrationsModule } from './integrations.module.js';
