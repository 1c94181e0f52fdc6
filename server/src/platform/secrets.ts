import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The server's master key: from WANGGE_SECRET_KEY, or a key file generated on first start
 * (mode 0600) in the data folder. Purpose keys are derived from it with HKDF so one
 * secret never serves two uses.
 */
export interface Secrets {
  /** AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Keyed hash for lookups (e.g. find a reporter by phone without decrypting). */
  lookupHash(value: string): string;
  /** Tracking code for a case: derived, so it never needs storing and replays return the same one. */
  trackingCode(caseId: string): string;
}

export function loadMasterKey(dataDir: string, keyHex: string | undefined): Buffer {
  if (keyHex) return Buffer.from(keyHex, 'hex');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} is not a 64-hex-character key`);
    return Buffer.from(hex, 'hex');
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

const trackingAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

export function createSecrets(masterKey: Buffer): Secrets {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `wangge:${purpose}`, 32));
  const encryptionKey = derive('pii-encryption');
  const lookupKey = derive('pii-lookup');
  const trackingKey = derive('case-tracking');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sha256', lookupKey).update(value).digest('base64url');
    },
    trackingCode(caseId) {
      const digest = createHmac('sha256', trackingKey).update(caseId).digest();
      let code = '';
      for (let i = 0; i < 8; i++) code += trackingAlphabet[digest[i]! % trackingAlphabet.length];
      return code;
    },
  };
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张* / 欧阳** */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
