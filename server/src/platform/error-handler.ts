import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { databaseRetryAfterSeconds, isDatabaseUnavailable } from './db/unavailable.js';
import { AppError, errorCatalog, type ErrorCode } from './errors.js';
import type { Lang } from './i18n.js';
import { newId } from './ids.js';
import { requestLang } from './request-lang.js';
import { fieldLabel } from './field-labels.js';
import { fieldErrorsFromIssues, withLabel } from './validation-messages.js';
import { isAppRoute } from './web-app.js';

const problemBase = 'https://wangge.dev/problems/';

function slug(code: ErrorCode): string {
  return code.toLowerCase().replaceAll('_', '-');
}

/** Renders an AppError as RFC 9457 problem+json in the caller's language. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError, lang: Lang = request.lang): FastifyReply {
  const entry = errorCatalog[error.code];
  const body: Record<string, unknown> = {
    type: problemBase + slug(error.code),
    title: entry.title[lang],
    status: entry.status,
    code: error.code,
    instance: request.url.split('?')[0],
  };
  if (error.detail) body['detail'] = error.detail[lang];
  else if (error.fieldErrors.length > 0) {
    // A message a service raised for one field (invalidField) is named by the field's label too.
    body['detail'] = error.fieldErrors
      .map((f) => (f.labelled ? f.message[lang] : withLabel(fieldLabel(f.field.split('.')), f.message)[lang]))
      .join(lang === 'zh' ? '；' : '; ');
  }
  if (error.fieldErrors.length > 0) {
    body['errors'] = error.fieldErrors.map((f) => ({ field: f.field, message: f.message[lang] }));
  }
  Object.assign(body, error.extra);
  // Throttles and lock-outs say when to come back, in the header clients and proxies understand.
  if (typeof error.extra['retryAfterSeconds'] === 'number') reply.header('retry-after', String(error.extra['retryAfterSeconds']));
  return reply.code(entry.status).type('application/problem+json; charset=utf-8').send(body);
}

type ValidationItem = { keyword: string; instancePath: string; message?: string; params?: Record<string, unknown> };

/** Maps framework and parser errors onto our vocabulary; anything unknown is a 500 with an id only. */
function toAppError(error: FastifyError & { validationContext?: string }, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = (error.validation as unknown as ValidationItem[]).map((v) => ({
      ...(v.params ?? {}),
      code: v.keyword,
      path: v.instancePath.split('/').filter(Boolean),
      message: v.message,
    }));
    return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromIssues(issues, contextPrefix(error.validationContext)) });
  }
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromIssues(error.issues as never) });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('UNAVAILABLE', {
      detail: { zh: '数据库暂时无法连接，请稍后重试', en: 'The database is briefly unreachable; retry in a moment' },
      extra: { retryAfterSeconds: databaseRetryAfterSeconds },
    });
  }
  if (isUnstorableText(error)) {
    return new AppError('MALFORMED_REQUEST', {
      detail: { zh: '文字中含有无法保存的控制字符(NUL)，请删除后重试', en: 'The text contains a NUL character, which cannot be stored; remove it and retry' },
    });
  }
  const multipart = multipartError(error, request);
  if (multipart) return multipart;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('MALFORMED_REQUEST', {
        detail: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
      });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', {
        detail: { zh: `不支持 ${request.headers['content-type'] ?? ''}，请使用 application/json`, en: `Send application/json, not ${request.headers['content-type'] ?? 'this type'}` },
      });
  }
  if (error.statusCode === 400 && error.validation) {
    return new AppError('VALIDATION_FAILED', { detail: { zh: error.message, en: error.message } });
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // Other framework 4xx (e.g. a bad URL encoding) keep their status class but speak our format.
    return new AppError('MALFORMED_REQUEST', { detail: { zh: '请求无法解析', en: error.message } });
  }
  return new AppError('INTERNAL');
}

/**
 * PostgreSQL refuses NUL in text (22021) and \u0000 in jsonb (22P05). Such input is the caller's
 * mistake, not ours: 400, and the transaction it was in has rolled back.
 */
function isUnstorableText(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown }).cause].map((e) => (e as { code?: unknown } | undefined)?.code);
  return codes.includes('22021') || codes.includes('22P05');
}

/** The multipart parser's complaints (no boundary, cut-off body, limits) are the sender's doing: 4xx, never 500. */
function multipartError(error: FastifyError, request: FastifyRequest): AppError | undefined {
  switch (error.code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', {
        detail: { zh: '请以 multipart/form-data 上传文件(字段名 file)', en: 'Send multipart/form-data with a field named file' },
      });
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return malformedMultipart();
  }
  const isMultipart = /^multipart\//i.test(String(request.headers['content-type'] ?? ''));
  const busboy = /^(Multipart: |Unexpected end of|Boundary required|The needle |Malformed)|terminated early/;
  return isMultipart && error.statusCode === undefined && busboy.test(error.message) ? malformedMultipart() : undefined;
}

function malformedMultipart(): AppError {
  return new AppError('MALFORMED_REQUEST', {
    detail: {
      zh: '上传内容不是完整的 multipart/form-data(缺少 boundary 或内容残缺)',
      en: 'The upload is not well-formed multipart/form-data (no boundary, or the body is cut off)',
    },
  });
}

/** NUL in a URL never means anything here; refuse it before any handler or query sees it. */
function rejectNulInUrl(url: string): void {
  if (/%00/i.test(url)) {
    throw new AppError('MALFORMED_REQUEST', { detail: { zh: '地址中含有空字符(%00)', en: 'The address contains a NUL character (%00)' } });
  }
}

/**
 * The query parser keeps a value it cannot decode as it came ("a%ED%A0%BDb" for half an emoji):
 * refuse such an address instead of searching for the wrong text.
 */
function rejectUndecodableQuery(url: string): void {
  const query = url.indexOf('?');
  if (query < 0) return;
  for (const part of url.slice(query + 1).split(/[&=]/)) {
    try {
      decodeURIComponent(part.replaceAll('+', ' '));
    } catch {
      throw new AppError('MALFORMED_REQUEST', {
        detail: { zh: '地址的查询参数中含有无效的编码(不是 UTF-8)', en: 'The query string contains an invalid encoding (not UTF-8)' },
      });
    }
  }
}

function contextPrefix(context: string | undefined): string | undefined {
  if (!context || context === 'body') return undefined;
  if (context === 'querystring') return 'query';
  return context;
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): an address that is
 * not valid percent-encoded UTF-8 (a lone surrogate, say), or a path parameter past the router's
 * length limit. Both are the caller's doing and leave as problem+json like everything else.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { zh: '地址中的参数过长', en: 'A part of the address is too long' }
      : { zh: '地址中含有无效的编码或字符', en: 'The address contains an invalid encoding or character' };
  // The router refused the address before any hook ran: this request has no `lang` decided.
  void sendProblem(request, reply, new AppError('MALFORMED_REQUEST', { detail }), requestLang(undefined, request.headers['accept-language']));
}

/** The one error funnel: every error leaves the server as problem+json, 5xx without internals. */
export const errorHandlerPlugin = fp(async function errorHandler(app: FastifyInstance, opts: { serveApp?: boolean }) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'INTERNAL') {
      const errorId = newId();
      request.log.error({ err: error, errorId }, 'unhandled error');
      return sendProblem(request, reply, new AppError('INTERNAL', { extra: { errorId } }));
    }
    return sendProblem(request, reply, appError);
  });
  app.addHook('onRequest', async (request) => {
    rejectNulInUrl(request.url);
    rejectUndecodableQuery(request.url);
  });
  app.setNotFoundHandler((request, reply) => {
    // Deep links into the web app are the app's business, not 404s.
    if (opts.serveApp && isAppRoute(request.method, request.url, request.headers.accept)) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(
      request,
      reply,
      new AppError('NOT_FOUND', { detail: { zh: `没有这个地址：${request.method} ${request.url.split('?')[0]}`, en: `No route ${request.method} ${request.url.split('?')[0]}` } }),
    );
  });
});
