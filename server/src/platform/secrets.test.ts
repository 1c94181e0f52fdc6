import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecrets, loadMasterKey, maskName, maskPhone } from './secrets.js';

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);

describe('createSecrets — encryption', () => {
  const secrets = createSecrets(keyA);

  it('round-trips text, Chinese included', () => {
    for (const plain of ['13812345678', '王秀英', '', '江苏省徐州市贾汪区江庄镇江庄村 3 组 12 号']) {
      expect(secrets.decrypt(secrets.encrypt(plain))).toBe(plain);
    }
  });

  it('seals the same text differently each time and never shows it', () => {
    const first = secrets.encrypt('13812345678');
    const second = secrets.encrypt('13812345678');
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain('13812345678');
    expect(Buffer.from(first.split('.')[3]!, 'base64url').toString('utf8')).not.toContain('1381234');
  });

  it('refuses tampered ciphertext, tag or format', () => {
    const sealed = secrets.encrypt('13812345678');
    const [version, iv, tag, body] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = flipped[0]! ^ 0x01;
    expect(() => secrets.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    const badTag = Buffer.from(tag, 'base64url');
    badTag[0] = badTag[0]! ^ 0x01;
    expect(() => secrets.decrypt([version, iv, badTag.toString('base64url'), body].join('.'))).toThrow();
    expect(() => secrets.decrypt(`v2.${iv}.${tag}.${body}`)).toThrow(/format/);
    expect(() => secrets.decrypt('not sealed at all')).toThrow();
  });

  it('cannot be opened with another master key', () => {
    const sealed = secrets.encrypt('王秀英');
    expect(() => createSecrets(keyB).decrypt(sealed)).toThrow();
  });
});

describe('createSecrets — lookup hashes and tracking codes', () => {
  const secrets = createSecrets(keyA);

  it('gives a stable lookup hash that depends on the key and the value', () => {
    const hash = secrets.lookupHash('13812345678');
    expect(createSecrets(keyA).lookupHash('13812345678')).toBe(hash);
    expect(secrets.lookupHash('13812345679')).not.toBe(hash);
    expect(createSecrets(keyB).lookupHash('13812345678')).not.toBe(hash);
    expect(hash).not.toContain('13812345678');
  });

  it('derives a stable 8-character tracking code per case id from the unambiguous alphabet', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `0193a0b4-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const codes = ids.map((id) => secrets.trackingCode(id));
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/);
    expect(ids.map((id) => createSecrets(keyA).trackingCode(id))).toEqual(codes);
    // Distinct per id (32^8 codes: a collision among 200 would point at a broken derivation).
    expect(new Set(codes).size).toBe(codes.length);
    expect(createSecrets(keyB).trackingCode(ids[0]!)).not.toBe(codes[0]);
  });

  it('keeps the purposes apart: the lookup hash of an id is not its tracking code', () => {
    const id = '0193a0b4-0000-7000-8000-000000000001';
    expect(secrets.lookupHash(id).slice(0, 8)).not.toBe(secrets.trackingCode(id));
  });
});

describe('masking', () => {
  it('masks a phone number to its first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('051687001234')).toBe('051*****1234');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
  });
});

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 0600 key file on first use and reuses it afterwards', () => {
    const dataDir = path.join(tempDir(), 'data'); // does not exist yet
    const first = loadMasterKey(dataDir, undefined);
    const file = path.join(dataDir, 'secret.key');
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.toString('hex'));
    const second = loadMasterKey(dataDir, undefined);
    expect(second.equals(first)).toBe(true);
  });

  it('gives each new data folder its own key', () => {
    expect(loadMasterKey(tempDir(), undefined).equals(loadMasterKey(tempDir(), undefined))).toBe(false);
  });

  it('prefers WANGGE_SECRET_KEY and then writes no file', () => {
    const dataDir = tempDir();
    const key = loadMasterKey(dataDir, 'ab'.repeat(32));
    expect(key.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  it('refuses a key file that is not 64 hex characters', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'too-short\n');
    expect(() => loadMasterKey(dataDir, undefined)).toThrow(/64-hex/);
  });
});
