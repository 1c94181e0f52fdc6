import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { contentSecurityPolicy } from './csp.js';
import { AppError } from './errors.js';
import { webBuildInfo } from './web-app.js';

/**
 * Security headers on every answer, and per-address rate limits on the endpoints anyone can call.
 * The content security policy (csp.ts) allows the map tile host the web app was built with
 * (VITE_TILE_URL, recorded in web/dist/build-info.json).
 */
export async function registerHardening(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(webBuildInfo().tileUrl ?? undefined) },
    // Nothing here is meant to be framed, not even by our own pages (CSP frame-ancestors 'none').
    frameguard: { action: 'deny' },
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
