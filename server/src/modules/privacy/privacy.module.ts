import { privacyCommands } from './privacy.commands.js';
import { privacyRoutes } from './privacy.routes.js';

/**
 * Personal data: reveal with a reason (logged), the reveal log, erasure on request, and — for the
 * CLI (`commands`) — key rotation over the registry of encrypted columns (pii-registry.ts) and erasure.
 * See docs/privacy.md.
 */
export const privacyModule = { name: 'privacy', routes: privacyRoutes, commands: privacyCommands } as const;
