import { apiKeysRoutes } from './api-keys.routes.js';

/** Integrations: API keys for hotline imports and Open311 clients (created, listed and revoked by administrators). */
export const integrationsModule = { name: 'integrations', routes: apiKeysRoutes } as const;
