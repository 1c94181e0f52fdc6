import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecrets, formatKeyring, keyringEnvPattern, loadKeyring, maskName, maskPhone, parseKeyring, trackingCodeFrom, writeKeyFile } from './secrets.js';

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
    expect(first).toMatch(/^k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
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

  it('derives the legacy tracking code from key 1 only, stable per case id, from the unambiguous alphabet', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `0193a0b4-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const codes = ids.map((id) => secrets.legacyTrackingCode(id)!);
    for (const code of codes) expect(code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/);
    expect(ids.map((id) => createSecrets(keyA).legacyTrackingCode(id))).toEqual(codes);
    // Distinct per id (32^8 codes: a collision among 200 would point at a broken derivation).
    expect(new Set(codes).size).toBe(codes.length);
    expect(createSecrets(keyB).legacyTrackingCode(ids[0]!)).not.toBe(codes[0]);
    // Unchanged while key 1 is in the ring, whichever key is active; gone with key 1.
    expect(createSecrets([{ id: 2, key: keyB }, { id: 1, key: keyA }]).legacyTrackingCode(ids[0]!)).toBe(codes[0]);
    expect(createSecrets([{ id: 2, key: keyB }]).legacyTrackingCode(ids[0]!)).toBeNull();
  });

  it('keeps the purposes apart: the lookup hash of an id is not its tracking code', () => {
    const id = '0193a0b4-0000-7000-8000-000000000001';
    expect(secrets.lookupHash(id).slice(0, 8)).not.toBe(secrets.legacyTrackingCode(id));
  });

  it('makes tracking codes from random bytes without bias toward any character', () => {
    expect(trackingCodeFrom(Buffer.from([0, 1, 2, 3, 31, 32, 255, 64]))).toBe('ABCD9A9A');
  });
});

describe('keyring — versioned ciphertexts', () => {
  const ring12 = [
    { id: 2, key: keyB },
    { id: 1, key: keyA },
  ];

  it('names the active key in every ciphertext and opens those of every key in the ring', () => {
    const old = createSecrets([{ id: 1, key: keyA }]);
    const rotated = createSecrets(ring12);
    const sealedOld = old.encrypt('王秀英');
    const sealedNew = rotated.encrypt('王秀英');
    expect(sealedOld).toMatch(/^k1\./);
    expect(sealedNew).toMatch(/^k2\./);
    expect(rotated.decrypt(sealedOld)).toBe('王秀英');
    expect(rotated.decrypt(sealedNew)).toBe('王秀英');
    expect(rotated.keyIdOf(sealedOld)).toBe(1);
    expect(rotated.keyIdOf(sealedNew)).toBe(2);
    expect(rotated.activeKeyId).toBe(2);
    expect(rotated.keyIds).toEqual([2, 1]);
    // Once key 1 is retired, its data no longer opens — which is why rotation re-encrypts first.
    expect(() => createSecrets([{ id: 2, key: keyB }]).decrypt(sealedOld)).toThrow(/key 1, which is not in the keyring/);
  });

  it('reads the format from before key rotation (`v1.`) as key 1', () => {
    // Sealed by the original implementation with master key keyA (same HKDF derivation).
    const legacy = createSecrets(keyA).encrypt('13812345678').replace(/^k1\./, 'v1.');
    expect(createSecrets(ring12).decrypt(legacy)).toBe('13812345678');
    expect(createSecrets(ring12).keyIdOf(legacy)).toBe(1);
    expect(createSecrets(keyA).keyIdOf('plain text')).toBeNull();
  });

  it('hashes with the active key and offers every key\'s hash for lookups during a rotation', () => {
    const rotated = createSecrets(ring12);
    const hashes = rotated.lookupHashes('13812345678');
    expect(hashes).toEqual([createSecrets(keyB).lookupHash('13812345678'), createSecrets(keyA).lookupHash('13812345678')]);
    expect(rotated.lookupHash('13812345678')).toBe(hashes[0]);
  });
});

describe('keyring — parsing', () => {
  const hexA = keyA.toString('hex');
  const hexB = keyB.toString('hex');

  it('reads a bare key as key 1 (the pre-rotation key file and env format)', () => {
    expect(parseKeyring(`${hexA}\n`, 'test')).toEqual([{ id: 1, key: keyA }]);
  });

  it('reads id:hex lists, comma- or newline-separated, active first, comments ignored', () => {
    const expected = [
      { id: 2, key: keyB },
      { id: 1, key: keyA },
    ];
    expect(parseKeyring(`2:${hexB},1:${hexA}`, 'env')).toEqual(expected);
    expect(parseKeyring(`# keyring\n2:${hexB}\n\n1:${hexA}\n`, 'file')).toEqual(expected);
    expect(parseKeyring(formatKeyring(expected), 'file')).toEqual(expected);
  });

  it('refuses malformed keys, duplicate ids and empty rings, naming where', () => {
    expect(() => parseKeyring('too-short', 'WANGGE_SECRET_KEY')).toThrow(/WANGGE_SECRET_KEY: each key must be 64 hex/);
    expect(() => parseKeyring(`1:${hexA},1:${hexB}`, 'env')).toThrow(/key 1 appears twice/);
    expect(() => parseKeyring(`0:${hexA}`, 'env')).toThrow(/64 hex/);
    expect(() => parseKeyring(`${hexA},${hexB}`, 'env')).toThrow(/id:hex/);
    expect(() => parseKeyring('# nothing\n', 'file')).toThrow(/holds no key/);
  });

  it('matches the environment pattern config.ts validates with', () => {
    expect(keyringEnvPattern.test(hexA)).toBe(true);
    expect(keyringEnvPattern.test(`2:${hexB},1:${hexA}`)).toBe(true);
    expect(keyringEnvPattern.test(`2:${hexB};1:${hexA}`)).toBe(false);
    expect(keyringEnvPattern.test('abc')).toBe(false);
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

describe('loadKeyring / writeKeyFile', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates a 0600 key file with one key on first use and reuses it afterwards', () => {
    const dataDir = path.join(tempDir(), 'data'); // does not exist yet
    const first = loadKeyring(dataDir, undefined);
    const file = path.join(dataDir, 'secret.key');
    expect(first.source).toBe('file');
    expect(first.keys).toHaveLength(1);
    expect(first.keys[0]!.id).toBe(1);
    expect(first.keys[0]!.key).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain(`1:${first.keys[0]!.key.toString('hex')}`);
    expect(loadKeyring(dataDir, undefined).keys).toEqual(first.keys);
  });

  it('gives each new data folder its own key', () => {
    expect(loadKeyring(tempDir(), undefined).keys[0]!.key.equals(loadKeyring(tempDir(), undefined).keys[0]!.key)).toBe(false);
  });

  it('still reads a key file of one bare hex line (written before rotation existed) as key 1', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'ab'.repeat(32) + '\n', { mode: 0o600 });
    expect(loadKeyring(dataDir, undefined).keys).toEqual([{ id: 1, key: Buffer.alloc(32, 0xab) }]);
  });

  it('prefers WANGGE_SECRET_KEY (one key or a list) and then writes no file', () => {
    const dataDir = tempDir();
    expect(loadKeyring(dataDir, 'ab'.repeat(32))).toEqual({ source: 'env', keys: [{ id: 1, key: Buffer.alloc(32, 0xab) }] });
    expect(loadKeyring(dataDir, `3:${'cd'.repeat(32)},1:${'ab'.repeat(32)}`).keys.map((k) => k.id)).toEqual([3, 1]);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  it('refuses a key file that is not a key', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'too-short\n');
    expect(() => loadKeyring(dataDir, undefined)).toThrow(/64 hex/);
  });

  it('rewrites the key file atomically with mode 0600 and no temp file left behind', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'secret.key');
    fs.writeFileSync(file, 'ab'.repeat(32) + '\n', { mode: 0o644 });
    const keys = [
      { id: 2, key: keyB },
      { id: 1, key: Buffer.alloc(32, 0xab) },
    ];
    writeKeyFile(dataDir, keys);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeyring(dataDir, undefined).keys).toEqual(keys);
    expect(fs.readdirSync(dataDir)).toEqual(['secret.key']);
    expect(() => writeKeyFile(dataDir, [])).toThrow(/empty/);
  });
});
