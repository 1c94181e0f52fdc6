import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../i18n';
import type { components, paths } from './schema.gen';

/** RFC 9457 problem document as the server sends it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
  [extra: string]: unknown;
}

/** An API failure carrying the server's sentence for the person, in their language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

const languageHeader: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language === 'en' ? 'en' : 'zh-CN');
    return request;
  },
};

const csrfCookie = 'wangge_csrf';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token the server bound to this browser's session (a readable cookie; the session cookie is HttpOnly). */
export function csrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === csrfCookie) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Every state-changing request echoes the CSRF token (the server refuses cookie-session writes without it). */
const csrfHeader: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (token && !safeMethods.has(request.method)) request.headers.set('x-csrf-token', token);
    return request;
  },
};

/** The typed client: every path, body and response type is generated from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(languageHeader);
api.use(csrfHeader);

/** Unwraps an openapi-fetch result: the data, or an ApiError with the problem document. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (response.ok && data !== undefined) return data;
  if (response.ok && response.status === 204) return undefined as T;
  throw new ApiError(response.status, (error as Problem | undefined) ?? null);
}

export type Schemas = components['schemas'];
