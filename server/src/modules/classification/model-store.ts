import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { PerDatabaseCache } from '../../platform/db/per-database-cache.js';
import type { TextClassifier } from './model/classifier.js';
import { deserializeModel } from './model/model-file.js';
import { classificationSettings, classifierModels, type ModelKind } from './classification.tables.js';

/** The default confidence above which a suggested category is applied (admins change it). */
export const defaultApplyThreshold = 0.6;

export interface ActiveModel {
  id: string;
  version: number;
  classifier: TextClassifier;
}

export interface ActiveModels {
  category: ActiveModel | null;
  unit: ActiveModel | null;
  applyThreshold: number;
}

/** Loaded models by id (ids never repeat, so one map serves every database); a few at most. */
const loaded = new Map<string, TextClassifier | null>();
const keepLoaded = 6;

/**
 * The active model of each kind, as this process uses it. Which models are active is re-read every
 * 15 s (another process may have switched) and at once after a switch here; a model's file is loaded
 * once. A file that fails its checksum or does not load gives no suggestions, never an error.
 */
const active = new PerDatabaseCache<ActiveModels>(async (db) => {
  const rows = await db
    .select({ id: classifierModels.id, kind: classifierModels.kind, version: classifierModels.version })
    .from(classifierModels)
    .where(eq(classifierModels.status, 'active'));
  const [settings] = await db.select({ applyThreshold: classificationSettings.applyThreshold }).from(classificationSettings);
  const load = async (kind: ModelKind): Promise<ActiveModel | null> => {
    const row = rows.find((r) => r.kind === kind);
    if (!row) return null;
    const classifier = await loadModel(db, row.id);
    return classifier ? { id: row.id, version: row.version, classifier } : null;
  };
  return { category: await load('category'), unit: await load('unit'), applyThreshold: settings?.applyThreshold ?? defaultApplyThreshold };
}, 15_000);

export function activeModels(db: Database): Promise<ActiveModels> {
  return active.get(db);
}

/** After a model is switched on or off, or the threshold changed, in this process. */
export function forgetActiveModels(db: Database): void {
  active.invalidate(db);
}

async function loadModel(db: Database, id: string): Promise<TextClassifier | null> {
  if (loaded.has(id)) return loaded.get(id) ?? null;
  const [row] = await db.select({ file: classifierModels.file, sha256: classifierModels.sha256 }).from(classifierModels).where(eq(classifierModels.id, id));
  const classifier = row ? readModelFile(row.file, row.sha256) : null;
  loaded.set(id, classifier);
  while (loaded.size > keepLoaded) loaded.delete(loaded.keys().next().value as string);
  return classifier;
}

/** The model in a stored file, or null when the bytes are not the ones stored or not a model. */
export function readModelFile(file: Buffer, sha256: string): TextClassifier | null {
  if (createHash('sha256').update(file).digest('hex') !== sha256) return null;
  try {
    return deserializeModel(file);
  } catch {
    return null;
  }
}
