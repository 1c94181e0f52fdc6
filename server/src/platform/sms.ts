import { createHmac } from 'node:crypto';
import { maskPhone } from './secrets.js';

/**
 * Text messages to phones: one-time sign-in codes today, case notifications next. Messages are
 * named templates with parameters, because Chinese SMS providers only send templates approved in
 * advance (the provider's template code is looked up by whoever relays our request).
 */
export interface SmsGateway {
  readonly kind: 'log' | 'http';
  /** Resolves once the gateway accepted the message; rejects with SmsDeliveryError otherwise. */
  send(phone: string, templateId: SmsTemplateId, params: Record<string, string>): Promise<void>;
}

/** Our template texts (what the log gateway prints and what a relay should register). */
export const smsTemplates = {
  resident_otp: {
    zh: '【网格】您的验证码为 {code}，{minutes} 分钟内有效。如非本人操作请忽略。',
    en: '[Wangge] Your sign-in code is {code}, valid for {minutes} minutes. Ignore this if it was not you.',
  },
  // Notifications (modules/notifications): reporters get these three in Chinese; staff get staff_notice.
  case_reported: {
    zh: '【网格】您反映的问题已登记，编号 {number}，查询码 {code}。查看进度：{link}',
    en: '[Wangge] Your report was registered as {number}, tracking code {code}. Progress: {link}',
  },
  case_closed: {
    zh: '【网格】您反映的问题（编号 {number}）已办结，请对办理结果进行评价：{link}',
    en: '[Wangge] Your case {number} was closed. Please rate the result: {link}',
  },
  case_rejected: {
    zh: '【网格】您反映的问题（编号 {number}）未予受理，详情请查看：{link}',
    en: '[Wangge] Your case {number} was not accepted. Details: {link}',
  },
  // Followers (附议) of a case: {change} is 已派单办理 / 已处置完毕 / 已办结 / 已重新办理.
  case_follow_update: {
    zh: '【网格】您附议的问题（编号 {number}）{change}。查看进度：{link}',
    en: '[Wangge] The case you follow ({number}): {change}. Progress: {link}',
  },
  staff_notice: {
    zh: '【网格】{text}',
    en: '[Wangge] {text}',
  },
} as const;
export type SmsTemplateId = keyof typeof smsTemplates;

export class SmsDeliveryError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

export interface SentSms {
  phone: string;
  templateId: SmsTemplateId;
  params: Record<string, string>;
  at: Date;
}

/**
 * Demo and development: writes each message to the server log (phone masked, e.g.
 * "OTP for 138****5678: 123456") and keeps the last ones in memory, so tests and the demo-only
 * `GET /api/v1/dev/last-otp` can read a code back. Never use it where real residents sign in.
 */
export class LogSmsGateway implements SmsGateway {
  readonly kind = 'log' as const;
  private readonly recent: SentSms[] = [];

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => Date = () => new Date(),
    private readonly keep = 200,
  ) {}

  async send(phone: string, templateId: SmsTemplateId, params: Record<string, string>): Promise<void> {
    this.recent.push({ phone, templateId, params, at: this.now() });
    if (this.recent.length > this.keep) this.recent.shift();
    const masked = maskPhone(phone);
    this.write(
      templateId === 'resident_otp'
        ? `[sms] OTP for ${masked}: ${params.code}`
        : `[sms] ${templateId} to ${masked}: ${JSON.stringify(withoutTrackingCode(params))}`,
    );
  }

  /** The newest message sent to `phone` (optionally of one template), if still remembered. */
  lastSentTo(phone: string, templateId?: SmsTemplateId): SentSms | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const sms = this.recent[i]!;
      if (sms.phone === phone && (!templateId || sms.templateId === templateId)) return sms;
    }
    return undefined;
  }
}

/**
 * Production: POSTs `{id, phone, templateId, params, sentAt}` as JSON to WANGGE_SMS_URL (a relay to
 * the county's SMS provider). The body is signed so the relay can refuse forgeries:
 * `X-Wangge-Timestamp: <unix seconds>` and `X-Wangge-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" under WANGGE_SMS_SECRET>`. Any non-2xx answer, timeout or network error rejects.
 */
export class HttpSmsGateway implements SmsGateway {
  readonly kind = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly options: { timeoutMs?: number; now?: () => Date; newId?: () => string } = {},
  ) {}

  async send(phone: string, templateId: SmsTemplateId, params: Record<string, string>): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const body = JSON.stringify({ id: this.options.newId?.() ?? crypto.randomUUID(), phone, templateId, params, sentAt: now.toISOString() });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-wangge-timestamp': timestamp,
          'x-wangge-signature': `sha256=${signSmsBody(this.secret, timestamp, body)}`,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SmsDeliveryError(`SMS gateway unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Drain the body so the connection is released; its content is only for the log.
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new SmsDeliveryError(`SMS gateway answered ${response.status}: ${text.slice(0, 200)}`, response.status);
  }
}

/** A case's tracking code opens its public page: the log shows it masked (the OTP line above is the demo's one exception). */
function withoutTrackingCode(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  if (out.code) out.code = '********';
  if (out.link) out.link = out.link.replace(/([?&]code=)[^&]*/, '$1********');
  return out;
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`: what a relay recomputes to check X-Wangge-Signature. */
export function signSmsBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface SmsSettings {
  smsGateway: 'log' | 'http';
  smsUrl: string | undefined;
  smsSecret: string | undefined;
  logLevel: string;
}

/** The gateway the settings name. The log gateway prints on stdout unless logging is silenced. */
export function createSmsGateway(settings: SmsSettings, now: () => Date = () => new Date()): SmsGateway {
  if (settings.smsGateway === 'http') {
    if (!settings.smsUrl || !settings.smsSecret) throw new Error('WANGGE_SMS_GATEWAY=http needs WANGGE_SMS_URL and WANGGE_SMS_SECRET');
    return new HttpSmsGateway(settings.smsUrl, settings.smsSecret, { now });
  }
  const silent = settings.logLevel === 'silent';
  return new LogSmsGateway((line) => {
    if (!silent) process.stdout.write(`${line}\n`);
  }, now);
}
