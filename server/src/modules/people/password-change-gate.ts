import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/errors.js';

/** What an account that must change its password may still call: sign-in, me, sessions, the change itself. */
const openDuringChange = /^\/api\/v1\/auth\//;

/**
 * An account whose password an administrator chose (or reset) must replace it before doing anything
 * else: until then every other API call answers 403 PASSWORD_CHANGE_REQUIRED. The web app sends such
 * a person to the change-password screen; this makes the rule hold for any other client too.
 * Runs after the auth plugin.
 */
export const passwordChangeGate = fp(async function passwordChangeGate(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    const actor = request.actor;
    if (actor?.kind !== 'staff' || !actor.mustChangePassword) return;
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || openDuringChange.test(path)) return;
    throw new AppError('PASSWORD_CHANGE_REQUIRED', {
      detail: { zh: '管理员为您设置了临时密码，请先修改密码', en: 'An administrator set a temporary password for you; change it first' },
    });
  });
});
