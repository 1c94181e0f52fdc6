import { privacyRoutes } from './privacy.routes.js';

/**
 * Personal data: reveal with a reason (logged), the reveal log, erasure on request, and — for the
 * CLI — key rotation over the registry of encrypted columns (pii-registry.ts). See docs/privacy.md.
 */
export const privacyModule = { name: 'privacy', routes: privacyRoutes } as const;
