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
  WANGGE_COUNTY_CODE: z.string().regex(/^\d{6}$/).default('320305'),
  WANGGE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)')
    .optional(),
  WANGGE_SESSION_HOURS: z.coerce.number().positive().default(12),
  WANGGE_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WANGGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  isDemo: boolean;
  demoPassword: string;
  countyCode: string;
  secretKeyHex: string | undefined;
  sessionHours: number;
  /** Behind nginx: honour X-Forwarded-For/-Proto (client address, HTTPS for Secure cookies). */
  trustProxy: boolean;
  /**
   * Requests per minute and client address on the public endpoints (report, photo upload, track,
   * sign-in); tracking gets four times as many. Beyond it: 429 with Retry-After.
   */
  publicRateLimitPerMinute: number;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    // npm runs workspace scripts inside server/; relative folders mean the folder npm was started in.
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), e.WANGGE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    isDemo: e.WANGGE_DEMO,
    demoPassword: e.WANGGE_DEMO_PASSWORD,
    countyCode: e.WANGGE_COUNTY_CODE,
    secretKeyHex: e.WANGGE_SECRET_KEY,
    sessionHours: e.WANGGE_SESSION_HOURS,
    trustProxy: e.WANGGE_TRUST_PROXY,
    publicRateLimitPerMinute: e.WANGGE_RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
  };
}
