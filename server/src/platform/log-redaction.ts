import type { FastifyServerOptions } from 'fastify';

/**
 * What the server log may say about a request. Fastify's default request line holds the method,
 * URL, host and address — never bodies or headers — but the URL carries query strings, and a
 * tracking code, a phone typed into a search box or a token in a query is exactly what a log
 * must not keep. Bodies, credentials and cookies are redacted by path in case a handler ever
 * logs the request or reply itself.
 */
const sensitiveQueryParameters = new Set(['code', 'phone', 'q', 'token', 'name', 'password']);

/** `/api/v1/track/X?code=ABCD2345&x=1` → `/api/v1/track/X?code=[redacted]&x=1`. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const name = decodeURIComponentSafe(pair.split('=')[0] ?? '');
      return sensitiveQueryParameters.has(name.toLowerCase()) ? `${pair.split('=')[0]}=[redacted]` : pair;
    });
  return `${url.slice(0, question)}?${params.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Logger options merged into Fastify's: a request serializer without secrets, and redaction paths. */
export function privateLoggerOptions(level: string, stream?: NodeJS.WritableStream): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.body',
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        'body',
        'request.body',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; hostname?: string; ip?: string; socket?: { remotePort?: number } }) {
        return { method: request.method, url: redactUrl(request.url), host: request.hostname, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
      },
    },
  };
}
