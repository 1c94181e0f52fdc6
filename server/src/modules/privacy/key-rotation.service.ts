import type { AppContext } from '../../platform/context.js';
import { lockHolder } from '../../platform/data-dir-lock.js';
import { createSecrets, generateKey, keyFilePath, loadKeyring, writeKeyFile, type KeyringKey, type Secrets } from '../../platform/secrets.js';
import { countRowsToReencrypt, findUnregisteredCiphertexts, reencryptRegistered, type ReencryptReport } from './reencrypt.service.js';

export interface RotateKeysOptions {
  /** Do not add a key: move everything onto the ring's current active key (the env-key procedure). */
  reencryptOnly?: boolean;
  batchSize?: number;
  maxBatches?: number;
  out: (line: string) => void;
}

export interface RotateKeysResult {
  source: 'env' | 'file';
  activeKeyId: number;
  addedKeyId: number | null;
  report: ReencryptReport;
  /** Rows still sealed under an older key (non-zero only when stopped early or written meanwhile). */
  remaining: number;
  /** Keys removed from the key file; with an env keyring, the keys the operator may now remove. */
  retiredKeyIds: number[];
  /** The secrets of the ring as it now stands (what a restarted server would load). */
  secrets: Secrets;
}

/** A rotation that cannot run as asked; the message says what to do instead. */
export class KeyRotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRotationError';
  }
}

export const envRotationProcedure = [
  'WANGGE_SECRET_KEY is set, and this command cannot change the environment. To rotate:',
  '  1. generate a key: openssl rand -hex 32',
  '  2. put it first in WANGGE_SECRET_KEY, keeping the old one: WANGGE_SECRET_KEY=2:<new hex>,1:<old hex>',
  '     (a bare key counts as key 1), and restart the servers — new data is sealed with key 2',
  '  3. npm run wangge -- keys:rotate --reencrypt-only',
  '  4. when it reports that no data uses key 1, remove 1:<old hex> from WANGGE_SECRET_KEY and restart',
].join('\n');

/**
 * `wangge keys:rotate`. With the key file: adds a new active key (written to the file first, so
 * a crash can never leave data sealed under a key that is not saved), re-encrypts every registered
 * column in batches, and when no row uses the old keys any more removes them from the file. Run
 * again after an interruption: a ring that still holds older keys is a rotation in progress, and
 * it continues with the key that is already active instead of adding another.
 * With WANGGE_SECRET_KEY, only `--reencrypt-only` (see envRotationProcedure).
 */
export async function rotateKeys(ctx: AppContext, options: RotateKeysOptions): Promise<RotateKeysResult> {
  const { dataDir } = ctx.config;
  const ring = loadKeyring(dataDir, ctx.config.secretKeyHex);
  let keys: KeyringKey[] = ring.keys;
  let addedKeyId: number | null = null;
  const out = options.out;

  if (ring.source === 'env') {
    if (!options.reencryptOnly) throw new KeyRotationError(envRotationProcedure);
  } else {
    // The server reads the key file only at start; rotating under a running one would leave it
    // sealing with a retired key. On PostgreSQL the CLI does not lock the folder, so check here.
    const holder = lockHolder(dataDir);
    if (holder !== null) throw new KeyRotationError(`A Wangge server (pid ${holder}) is running on ${dataDir}; stop it before rotating the key file.`);
    if (!options.reencryptOnly) {
      if (keys.length === 1) {
        addedKeyId = Math.max(...keys.map((k) => k.id)) + 1;
        keys = [{ id: addedKeyId, key: generateKey() }, ...keys];
        writeKeyFile(dataDir, keys);
        out(`Added key ${addedKeyId} to ${keyFilePath(dataDir)}; it is now the active key.`);
      } else {
        out(`Continuing the rotation to key ${keys[0]!.id} (the ring still holds key(s) ${olderIds(keys).join(', ')}).`);
      }
    }
  }

  let secrets = createSecrets(keys);
  const report = await reencryptRegistered(ctx.db, secrets, {
    batchSize: options.batchSize,
    maxBatches: options.maxBatches,
  });
  for (const t of report.tables) {
    out(`  ${t.table}: ${t.rows} row(s) re-encrypted${t.sealedLegacy ? ` (${t.sealedLegacy} legacy value(s) sealed)` : ''}`);
  }
  const remainingByTable = await countRowsToReencrypt(ctx.db, secrets);
  const remaining = Object.values(remainingByTable).reduce((a, b) => a + b, 0);
  const older = olderIds(keys);
  let retiredKeyIds: number[] = [];

  if (remaining > 0) {
    out(
      `${report.stoppedEarly ? `Stopped after ${report.batches} batch(es)` : 'Finished'}; ${remaining} row(s) still use older keys ` +
        `(${Object.entries(remainingByTable)
          .filter(([, n]) => n > 0)
          .map(([t, n]) => `${t}: ${n}`)
          .join(', ')}). Run keys:rotate again to continue.`,
    );
  } else if (older.length > 0) {
    const stray = await findUnregisteredCiphertexts(ctx.db, older);
    if (stray.length > 0) {
      out(
        `Every registered column is on key ${secrets.activeKeyId}, but unregistered columns still hold data sealed with key(s) ${older.join(', ')}: ` +
          `${stray.map((s) => `${s.table}.${s.column} (${s.rows})`).join(', ')}. Register them in modules/privacy/pii-registry.ts and run again; no key was retired.`,
      );
    } else if (ring.source === 'file') {
      keys = [keys[0]!];
      writeKeyFile(dataDir, keys);
      secrets = createSecrets(keys);
      retiredKeyIds = older;
      out(`No data uses key(s) ${older.join(', ')} any more: removed from the key file. Key ${keys[0]!.id} is the only key.`);
    } else {
      retiredKeyIds = older;
      out(`No data uses key(s) ${older.join(', ')} any more: remove them from WANGGE_SECRET_KEY (keep ${keys[0]!.id}:…) and restart.`);
    }
  } else {
    out(`All data is on key ${secrets.activeKeyId}.`);
  }
  return { source: ring.source, activeKeyId: secrets.activeKeyId, addedKeyId, report, remaining, retiredKeyIds, secrets };
}

function olderIds(keys: KeyringKey[]): number[] {
  return keys.slice(1).map((k) => k.id);
}
