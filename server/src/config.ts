import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Wangge reads from the environment, validated once at start-up.
 * `.env.example` documents the same list; keep the two in step.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  WANGGE_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  WANGGE_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  WANGGE_DEMO_PASSWORD: z.string().min(8).default('wangge-demo'),
  WANGGE_DEMO_HISTORY: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  WANGGE_COUNTY_CODE: z.string().regex(/^\d{6}$/).default('320305'),
  WANGGE_SECRET_KEY: z
    .string()
    // One key (64 hex characters), or a keyring `id:hex,id:hex` with the active key first (docs/privacy.md).
    .regex(/^([0-9a-f]{64}|[1-9]\d{0,5}:[0-9a-f]{64}(,[1-9]\d{0,5}:[0-9a-f]{64})*)$/i, 'must be 64 hex characters (32 bytes), or id:hex,id:hex with the active key first')
    .optional(),
  WANGGE_SESSION_HOURS: z.coerce.number().positive().default(12),
  WANGGE_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  WANGGE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  WANGGE_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  WANGGE_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WANGGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  WANGGE_WORKER: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  WANGGE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WANGGE_SMS_GATEWAY: z.enum(['log', 'http']).default('log'),
  WANGGE_SMS_URL: z.string().url().optional(),
  WANGGE_SMS_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  WANGGE_RESIDENT_SESSION_DAYS: z.coerce.number().positive().default(30),
  WANGGE_PUBLIC_URL: z.string().url().optional(),
  WANGGE_CJK_FONT: z.string().min(1).optional(),
  WANGGE_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  WANGGE_MAIL_FROM: z.string().min(3).default('Wangge <noreply@wangge.invalid>'),
  WANGGE_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WANGGE_WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  NODE_ENV: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  isDemo: boolean;
  /** Demo mode's first start also seeds a generated year of closed cases and trains the suggestion models on it. */
  demoHistory: boolean;
  demoPassword: string;
  countyCode: string;
  secretKeyHex: string | undefined;
  sessionHours: number;
  /** A session unused this long ends (in addition to the absolute `sessionHours`). */
  sessionIdleMinutes: number;
  /** Failed sign-ins per account name within `loginLockMinutes` before it is locked for that long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Behind nginx: honour X-Forwarded-For/-Proto (client address, HTTPS for Secure cookies). */
  trustProxy: boolean;
  /**
   * Requests per minute and client address on the public endpoints (report, photo upload, track,
   * sign-in); tracking gets four times as many. Beyond it: 429 with Retry-After.
   */
  publicRateLimitPerMinute: number;
  /** Run the background job worker in this process (`WANGGE_WORKER=0` for API-only processes). */
  isWorker: boolean;
  /** Jobs this process runs at the same time. */
  workerConcurrency: number;
  logLevel: string;
  /**
   * Where text messages (one-time codes) go: `log` prints them to the server log (demo and
   * development), `http` POSTs them, signed with `smsSecret`, to `smsUrl` (a relay to the provider).
   */
  smsGateway: 'log' | 'http';
  smsUrl: string | undefined;
  smsSecret: string | undefined;
  /** Days a resident stays signed in on their phone. */
  residentSessionDays: number;
  /**
   * Where residents reach this server (`https://wangge.example.gov.cn`), the base of every link
   * texted, mailed or printed (tracking links, the contact cards' QR codes). Required outside demo
   * mode; in demo mode `npm start` sets it to the address it listens on (`publicBaseUrlOf`).
   */
  publicBaseUrl: string | undefined;
  /**
   * A CJK font file for the PDFs (contact cards): `.ttf`/`.otf`, or `.ttc` with `#PostScriptName`.
   * Unset: the Noto Sans CJK of `fonts-noto-cjk`, looked for in the usual places (contact-cards/cjk-font.ts).
   */
  cjkFont: string | undefined;
  /** Outgoing mail server (`smtp://user:pass@host:port`); unset: the email channel is off (notifications). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Webhook attempts before a delivery is dead (exponential back-off between them). */
  webhookMaxAttempts: number;
  /** Allow webhook URLs on loopback/private addresses (off in production; tests and intranets turn it on). */
  webhookAllowPrivate: boolean;
  /**
   * Development helpers such as `GET /api/v1/dev/last-otp`: only in demo mode, with the log SMS
   * gateway, and never when NODE_ENV=production.
   */
  devEndpoints: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.WANGGE_DEMO && !e.WANGGE_PUBLIC_URL) {
    throw new Error(
      'Invalid configuration:\n  WANGGE_PUBLIC_URL: required when WANGGE_DEMO=false — the address residents reach this server at ' +
        '(e.g. https://wangge.example.gov.cn), the base of the links in text messages, emails and QR codes',
    );
  }
  if (e.WANGGE_SMS_GATEWAY === 'http' && (!e.WANGGE_SMS_URL || !e.WANGGE_SMS_SECRET)) {
    throw new Error('Invalid configuration:\n  WANGGE_SMS_GATEWAY=http needs WANGGE_SMS_URL and WANGGE_SMS_SECRET');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    // npm runs workspace scripts inside server/; relative folders mean the folder npm was started in.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.WANGGE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    isDemo: e.WANGGE_DEMO,
    demoHistory: e.WANGGE_DEMO && e.WANGGE_DEMO_HISTORY,
    demoPassword: e.WANGGE_DEMO_PASSWORD,
    countyCode: e.WANGGE_COUNTY_CODE,
    secretKeyHex: e.WANGGE_SECRET_KEY,
    sessionHours: e.WANGGE_SESSION_HOURS,
    sessionIdleMinutes: e.WANGGE_SESSION_IDLE_MINUTES,
    loginMaxFailures: e.WANGGE_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.WANGGE_LOGIN_LOCK_MINUTES,
    trustProxy: e.WANGGE_TRUST_PROXY,
    publicRateLimitPerMinute: e.WANGGE_RATE_LIMIT_PER_MINUTE,
    isWorker: e.WANGGE_WORKER,
    workerConcurrency: e.WANGGE_WORKER_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    smsGateway: e.WANGGE_SMS_GATEWAY,
    smsUrl: e.WANGGE_SMS_URL,
    smsSecret: e.WANGGE_SMS_SECRET,
    residentSessionDays: e.WANGGE_RESIDENT_SESSION_DAYS,
    publicBaseUrl: e.WANGGE_PUBLIC_URL?.replace(/\/+$/, ''),
    cjkFont: e.WANGGE_CJK_FONT,
    smtpUrl: e.WANGGE_SMTP_URL,
    mailFrom: e.WANGGE_MAIL_FROM,
    webhookMaxAttempts: e.WANGGE_WEBHOOK_MAX_ATTEMPTS,
    webhookAllowPrivate: e.WANGGE_WEBHOOK_ALLOW_PRIVATE,
    devEndpoints: e.WANGGE_DEMO && e.WANGGE_SMS_GATEWAY === 'log' && e.NODE_ENV !== 'production',
  };
}

/**
 * The base of links for people outside (texts, emails, QR codes): WANGGE_PUBLIC_URL, or in demo mode
 * the address the server listens on (`npm start` records the real port once listening).
 */
export function publicBaseUrlOf(config: Pick<Config, 'publicBaseUrl' | 'host' | 'port'>): string {
  return config.publicBaseUrl ?? listeningBaseUrl(config.host, config.port);
}

/** `http://host:port` for a listening address; any-address binds (0.0.0.0, ::) read as localhost. */
export function listeningBaseUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
