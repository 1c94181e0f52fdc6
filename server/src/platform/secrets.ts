import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The keyring: numbered 32-byte master keys, the first one active. Every ciphertext names its
 * key (`k2.<iv>.<tag>.<ct>`), so data sealed under an older key stays readable while
 * `wangge keys:rotate` moves it to the new one. Purpose keys are derived from each master key
 * with HKDF, so one secret never serves two uses.
 *
 * Where it comes from: WANGGE_SECRET_KEY (one key, or `id:hex,id:hex` with the active key first),
 * otherwise `<dataDir>/secret.key`, created on first start with mode 0600 (lines `id:hex`, active
 * first). A key file of one bare hex line — the format before key rotation — is key 1.
 */
export interface KeyringKey {
  /** Positive integer, named in every ciphertext sealed with it. */
  id: number;
  key: Buffer;
}

export interface Secrets {
  /** The key new ciphertexts and lookup hashes use. */
  readonly activeKeyId: number;
  /** Every key that can still open data, active first. */
  readonly keyIds: readonly number[];
  /** AES-256-GCM under the active key: `k<id>.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string;
  /** Opens a ciphertext under any key of the ring (`v1.` is the pre-rotation format of key 1). */
  decrypt(sealed: string): string;
  /** The key a ciphertext was sealed with, or null when it is not a ciphertext of ours. */
  keyIdOf(sealed: string): number | null;
  /** Keyed hash (HMAC) under the active key, to find a value without decrypting every row. */
  lookupHash(value: string): string;
  /** The value's lookup hash under every key, active first: during a rotation rows carry either. */
  lookupHashes(value: string): string[];
  /**
   * The tracking code of a case created before codes were stored: it was derived from key 1.
   * Null when key 1 has left the ring (by then every case carries its sealed code).
   */
  legacyTrackingCode(caseId: string): string | null;
}

export const keyFileName = 'secret.key';
const keyIdPattern = /^[1-9]\d{0,5}$/;
const hexKeyPattern = /^[0-9a-f]{64}$/i;

/** Accepted forms of WANGGE_SECRET_KEY (config.ts validates with it). */
export const keyringEnvPattern = /^([0-9a-f]{64}|[1-9]\d{0,5}:[0-9a-f]{64}(,[1-9]\d{0,5}:[0-9a-f]{64})*)$/i;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/**
 * Parses a keyring: a bare 64-hex key (→ key 1), or entries `id:hex` separated by commas or
 * newlines, active first; `#` starts a comment line. Refuses duplicates and malformed keys.
 */
export function parseKeyring(text: string, origin: string): KeyringKey[] {
  const entries = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 1 && hexKeyPattern.test(entries[0]!)) return [{ id: 1, key: Buffer.from(entries[0]!, 'hex') }];
  if (entries.length === 0) throw new KeyringError(`${origin} holds no key`);
  const keys: KeyringKey[] = [];
  for (const entry of entries) {
    const [id, hex, ...extra] = entry.split(':');
    if (!id || !hex || extra.length || !keyIdPattern.test(id) || !hexKeyPattern.test(hex)) {
      throw new KeyringError(`${origin}: each key must be 64 hex characters, written "id:hex" when there are several (got "${entry.slice(0, 8)}…")`);
    }
    if (keys.some((k) => k.id === Number(id))) throw new KeyringError(`${origin}: key ${id} appears twice`);
    keys.push({ id: Number(id), key: Buffer.from(hex, 'hex') });
  }
  return keys;
}

/** The key file's text: a warning, then `id:hex` lines, active first. */
export function formatKeyring(keys: readonly KeyringKey[]): string {
  return [
    '# Wangge keyring: personal-data encryption keys. Keep secret, keep backed up (docs/privacy.md).',
    '# One key per line as id:hex; the first line is the active key.',
    ...keys.map((k) => `${k.id}:${k.key.toString('hex')}`),
    '',
  ].join('\n');
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, keyFileName);
}

/** Writes the key file atomically (temp file with mode 0600, fsync, rename) so a crash never leaves half a keyring. */
export function writeKeyFile(dataDir: string, keys: readonly KeyringKey[]): void {
  if (keys.length === 0) throw new KeyringError('refusing to write an empty keyring');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = keyFilePath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, formatKeyring(keys));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(temp, 0o600); // in case the file existed with looser bits
  fs.renameSync(temp, file);
}

export interface LoadedKeyring {
  keys: KeyringKey[];
  /** `env`: WANGGE_SECRET_KEY (read-only to us); `file`: the data folder's key file. */
  source: 'env' | 'file';
}

/** The keyring from WANGGE_SECRET_KEY, else the key file, else a new key file with one fresh key. */
export function loadKeyring(dataDir: string, envValue: string | undefined): LoadedKeyring {
  if (envValue) return { keys: parseKeyring(envValue, 'WANGGE_SECRET_KEY'), source: 'env' };
  const file = keyFilePath(dataDir);
  if (fs.existsSync(file)) return { keys: parseKeyring(fs.readFileSync(file, 'utf8'), file), source: 'file' };
  const keys = [{ id: 1, key: generateKey() }];
  fs.mkdirSync(dataDir, { recursive: true });
  // `wx`: two processes starting at once must not both create a key (the loser reads the winner's).
  try {
    fs.writeFileSync(file, formatKeyring(keys), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { keys: parseKeyring(fs.readFileSync(file, 'utf8'), file), source: 'file' };
  }
  return { keys, source: 'file' };
}

/** The keyring's keys, active first (what `createSecrets` takes; bootstrap.ts calls it by this name). */
export function loadMasterKey(dataDir: string, envValue: string | undefined): KeyringKey[] {
  return loadKeyring(dataDir, envValue).keys;
}

export function generateKey(): Buffer {
  return randomBytes(32);
}

const trackingAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** 8 characters from the unambiguous alphabet, taken from the first bytes of `bytes`. */
export function trackingCodeFrom(bytes: Buffer): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += trackingAlphabet[bytes[i]! % trackingAlphabet.length];
  return code;
}

interface DerivedKeys {
  encryption: Buffer;
  lookup: Buffer;
  tracking: Buffer;
}

function derive(master: Buffer): DerivedKeys {
  const purpose = (name: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `wangge:${name}`, 32));
  return { encryption: purpose('pii-encryption'), lookup: purpose('pii-lookup'), tracking: purpose('case-tracking') };
}

/** Secrets over a keyring (active key first), or over one master key (key 1). */
export function createSecrets(ring: readonly KeyringKey[] | Buffer): Secrets {
  const keys = Buffer.isBuffer(ring) ? [{ id: 1, key: ring }] : [...ring];
  if (keys.length === 0) throw new KeyringError('the keyring is empty');
  for (const k of keys) if (k.key.length !== 32) throw new KeyringError(`key ${k.id} is not 32 bytes`);
  const derived = new Map(keys.map((k) => [k.id, derive(k.key)]));
  const active = keys[0]!;
  const activeKeys = derived.get(active.id)!;

  const keyIdOf = (sealed: string): number | null => {
    const prefix = sealed.slice(0, sealed.indexOf('.'));
    if (prefix === 'v1') return 1;
    if (prefix.startsWith('k') && keyIdPattern.test(prefix.slice(1))) return Number(prefix.slice(1));
    return null;
  };
  const hashWith = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url');

  return {
    activeKeyId: active.id,
    keyIds: keys.map((k) => k.id),
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', activeKeys.encryption, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [`k${active.id}`, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [, iv, tag, body, ...extra] = sealed.split('.');
      const keyId = keyIdOf(sealed);
      if (keyId === null || !iv || !tag || body === undefined || extra.length) throw new KeyringError('Unknown ciphertext format');
      const key = derived.get(keyId);
      if (!key) throw new KeyringError(`Sealed with key ${keyId}, which is not in the keyring`);
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyIdOf,
    lookupHash(value) {
      return hashWith(activeKeys.lookup, value);
    },
    lookupHashes(value) {
      return keys.map((k) => hashWith(derived.get(k.id)!.lookup, value));
    },
    legacyTrackingCode(caseId) {
      const key1 = derived.get(1);
      return key1 ? trackingCodeFrom(createHmac('sha256', key1.tracking).update(caseId).digest()) : null;
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
