import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { errorHandlerPlugin, frameworkErrorHandler } from './error-handler.js';
import { requestLang, requestLangPlugin } from './request-lang.js';

describe('the request language', () => {
  it('is ?lang when it names a language, else the first Accept-Language, else Chinese', () => {
    expect(requestLang({}, undefined)).toBe('zh');
    expect(requestLang({}, 'en-US,en;q=0.9')).toBe('en');
    expect(requestLang({}, 'zh-CN,en;q=0.8')).toBe('zh');
    expect(requestLang({ lang: 'en' }, 'zh-CN')).toBe('en');
    expect(requestLang({ lang: 'zh' }, 'en')).toBe('zh');
    expect(requestLang({ lang: 'fr' }, 'en')).toBe('en');
    expect(requestLang(undefined, undefined)).toBe('zh');
  });

  async function app() {
    const server = Fastify({ frameworkErrors: frameworkErrorHandler });
    server.setValidatorCompiler(validatorCompiler);
    server.setSerializerCompiler(serializerCompiler);
    await server.register(requestLangPlugin);
    await server.register(errorHandlerPlugin, { serveApp: false });
    const api = server.withTypeProvider<ZodTypeProvider>();
    // The query schema does not keep `lang`: the language is decided before validation drops it.
    api.get('/echo', { schema: { querystring: z.object({ q: z.string().optional() }) } }, async (request) => ({ lang: request.lang, query: request.query }));
    api.get('/fail', async () => {
      throw new AppError('NOT_FOUND');
    });
    return server;
  }

  it('is request.lang on every request, decided once from the query and the header', async () => {
    const server = await app();
    const ask = async (url: string, headers: Record<string, string> = {}) => (await server.inject({ url, headers })).json();
    expect(await ask('/echo')).toEqual({ lang: 'zh', query: {} });
    expect(await ask('/echo', { 'accept-language': 'en' })).toEqual({ lang: 'en', query: {} });
    expect(await ask('/echo?lang=en&q=x', { 'accept-language': 'zh-CN' })).toEqual({ lang: 'en', query: { q: 'x' } });
    expect(await ask('/echo?lang=zh', { 'accept-language': 'en' })).toMatchObject({ lang: 'zh' });
    await server.close();
  });

  it('is the language of the error funnel, also for an address the router cannot read', async () => {
    const server = await app();
    const failed = await server.inject({ url: '/fail', headers: { 'accept-language': 'en' } });
    expect(failed.json()).toMatchObject({ status: 404, title: expect.stringMatching(/[A-Za-z]/) });
    const zh = await server.inject({ url: '/fail?lang=zh', headers: { 'accept-language': 'en' } });
    expect(zh.json().title).toMatch(/[\u4e00-\u9fff]/);
    const malformed = await server.inject({ url: '/echo/%E0%A4%A', headers: { 'accept-language': 'en' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().detail).toBe('The address contains an invalid encoding or character');
    await server.close();
  });
});
