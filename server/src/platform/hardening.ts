import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

/**
 * Security headers on every answer, and per-address rate limits on the endpoints anyone can call.
 * A content security policy is not set yet: map tiles come from a host configured at build time
 * (VITE_TILE_URL), so the policy has to be built from that setting first.
 */
export async function registerHardening(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    // The app and its API share one origin; nothing here is meant to be framed by another site.
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    // Keyed by client address (behind nginx set WANGGE_TRUST_PROXY so it is the real one).
    keyGenerator: (request: FastifyRequest) => request.ip,
    // Signed-in staff (a hotline desk behind one address) and integrations calling with an API key
    // (a hotline import) are not throttled here; sign-in itself is.
    allowList: (request: FastifyRequest) =>
      (request.actor?.kind === 'staff' || request.actor?.kind === 'integration') && !request.url.startsWith('/api/v1/auth/'),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new AppError('RATE_LIMITED', {
        detail: { zh: `请求过于频繁，请 ${seconds} 秒后再试`, en: `Too many requests; try again in ${seconds} s` },
        extra: { retryAfterSeconds: seconds },
      });
    },
  });
}

/** Route option for a public endpoint: `{ config: publicRateLimit(config) }`. */
export function publicRateLimit(config: Config, multiplier = 1) {
  return { rateLimit: { max: config.publicRateLimitPerMinute * multiplier, timeWindow: 60_000 } };
}
