import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { maskPhone } from '../../platform/secrets.js';
import { LogSmsGateway } from '../../platform/sms.js';
import { residentCookieName } from '../../platform/auth-plugin.js';
import { checkMobile, requestOtp } from './otp.service.js';
import { requireResident, signInWithCode, signOutResident } from './resident-auth.service.js';
import {
  lastOtpQuery,
  otpRequestBody,
  otpSentView,
  residentLoginBody,
  residentSessionView,
  residentView,
} from './residents.schema.js';

/** Sending codes costs money and annoys people: a third of the public per-address limit. */
function otpRateLimit(ctx: AppContext) {
  return { rateLimit: { max: Math.max(1, Math.ceil(ctx.config.publicRateLimitPerMinute / 3)), timeWindow: 60_000 } };
}

export const residentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/resident/otp',
    {
      config: otpRateLimit(ctx),
      schema: {
        tags: ['residents'],
        summary: 'Text a one-time sign-in code to a mobile number',
        description:
          'Answers 202 alike for every valid number. One code per number a minute and five an hour (429 with Retry-After), ' +
          'plus a per-address limit. The code has 6 digits, lasts 5 minutes and allows 5 tries. 422 for a number that is not a mainland mobile.',
        body: otpRequestBody,
        response: { 202: otpSentView },
      },
    },
    async (request, reply) => {
      const sent = await requestOtp(ctx, request.body.phone, request.ip);
      return reply.code(202).send({ ...sent, delivery: ctx.sms.kind === 'log' ? ('server_log' as const) : ('sms' as const) });
    },
  );

  app.post(
    '/api/v1/resident/login',
    {
      config: { rateLimit: { max: ctx.config.publicRateLimitPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['residents'],
        summary: 'Sign a resident in with mobile number + one-time code (the account is made on first sign-in)',
        body: residentLoginBody,
        response: { 200: residentSessionView },
      },
    },
    async (request, reply) => {
      const result = await signInWithCode(ctx, request.body, request.ip);
      reply.setCookie(residentCookieName, result.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto', expires: result.expiresAt });
      return {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        resident: { id: result.resident.id, phone: maskPhone(checkMobile(request.body.phone)) },
      };
    },
  );

  app.get(
    '/api/v1/resident/me',
    { schema: { tags: ['residents'], summary: 'The signed-in resident (phone masked)', response: { 200: residentView } } },
    async (request) => {
      const resident = requireResident(request.actor);
      return { id: resident.id, phone: maskPhone(ctx.secrets.decrypt(resident.phoneEncrypted)) };
    },
  );

  app.post(
    '/api/v1/resident/logout',
    { schema: { tags: ['residents'], summary: 'End the resident session', response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.actor.kind === 'resident' && request.sessionToken) await signOutResident(ctx, request.sessionToken);
      reply.clearCookie(residentCookieName, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  // Demo and development only (never with a real SMS gateway or NODE_ENV=production): read back
  // the last code "sent" to a phone, for browser tests and people trying the demo.
  if (ctx.config.devEndpoints && ctx.sms instanceof LogSmsGateway) {
    const gateway = ctx.sms;
    app.get(
      '/api/v1/dev/last-otp',
      { schema: { hide: true, querystring: lastOtpQuery, response: { 200: z.object({ code: z.string(), sentAt: z.string() }) } } },
      async (request) => {
        const sent = gateway.lastSentTo(request.query.phone.trim(), 'resident_otp');
        if (!sent?.params.code) throw notFound({ zh: '没有发往该号码的验证码', en: 'No code was sent to that number' });
        return { code: sent.params.code, sentAt: sent.at.toISOString() };
      },
    );
  }
};
