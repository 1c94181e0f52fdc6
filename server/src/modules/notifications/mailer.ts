import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a mail server or client can tell a resend after a crash from a new mail. */
  messageId: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

const mailers = new WeakMap<Config, Mailer>();

/**
 * The SMTP transport of this configuration (one pooled transport per config), or null when
 * WANGGE_SMTP_URL is unset — then the email channel is off and deliveries are recorded as skipped.
 */
export function mailerFor(config: Config): Mailer | null {
  if (!config.smtpUrl) return null;
  const known = mailers.get(config);
  if (known) return known;
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl, { from: config.mailFrom });
  const mailer: Mailer = {
    async send(mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
  mailers.set(config, mailer);
  return mailer;
}

/** What the start-up log and /healthz say about email. */
export function emailStatus(config: Config): 'smtp' | 'disabled' {
  return config.smtpUrl ? 'smtp' : 'disabled';
}
