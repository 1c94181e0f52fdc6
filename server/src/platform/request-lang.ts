import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { pickLang, type Lang } from './i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language the caller reads: `?lang=zh|en` when given, else the first Accept-Language, else Chinese. */
    readonly lang: Lang;
  }
}

/** The caller's language from a request's query (`lang`) and Accept-Language header. */
export function requestLang(query: unknown, acceptLanguage: string | undefined): Lang {
  const asked = typeof query === 'object' && query !== null ? (query as { lang?: unknown }).lang : undefined;
  return asked === 'zh' || asked === 'en' ? asked : pickLang(acceptLanguage);
}

const decided = Symbol('lang');
type LangSlot = { [decided]?: Lang };

/**
 * `request.lang`, decided once per request: on the first read, which the onRequest hook makes happen
 * before validation (a route's query schema may not keep `lang`), or later for a request that never
 * reached the hooks (a malformed address).
 */
export const requestLangPlugin = fp(async function requestLanguage(app: FastifyInstance) {
  app.decorateRequest(decided, undefined);
  app.decorateRequest('lang', {
    getter(this: FastifyRequest) {
      const slot = this as FastifyRequest & LangSlot;
      return (slot[decided] ??= requestLang(this.query, this.headers['accept-language']));
    },
  });
  app.addHook('onRequest', async (request) => {
    void request.lang;
  });
});
