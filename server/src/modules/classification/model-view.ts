import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { units } from '../people/people.tables.js';
import type { Evaluation } from './model/evaluate.js';
import type { ClassifierModelRow } from './classification.tables.js';
import { categoryName } from './case-suggestion.service.js';
import type { ModelSummary } from './models.service.js';

const levelLabels: Record<string, { zh: string; en: string }> = {
  'node:grid': { zh: '下派网格', en: 'down to the grid' },
  'node:village': { zh: '下派村(社区)', en: 'down to the village' },
  'node:town': { zh: '镇(街道)办理', en: 'the town' },
};

export function presentModel(row: Omit<ClassifierModelRow, 'file'>) {
  const evaluation = row.evaluation as Evaluation;
  return {
    id: row.id,
    kind: row.kind,
    version: row.version,
    status: row.status,
    source: row.source,
    seed: row.seed,
    trainedOn: row.trainedOn,
    heldOut: row.heldOut,
    accuracy: evaluation.accuracy,
    macroF1: evaluation.macroF1,
    trainingMs: row.trainingMs,
    trainedAt: row.trainedAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    sha256: row.sha256,
  };
}

/** The model with its evaluation, labels named: categories by name, routes by unit name or level. */
export async function presentModelDetail(ctx: AppContext, model: ModelSummary, lang: 'zh' | 'en') {
  const evaluation = model.evaluation as Evaluation;
  const name = await labelNamer(ctx, model.kind, evaluation.confusion.labels, lang);
  return {
    ...presentModel(model),
    loads: model.loads,
    evaluation: {
      examples: evaluation.examples,
      accuracy: evaluation.accuracy,
      macroF1: evaluation.macroF1,
      perClass: evaluation.perClass.map((c) => ({ ...c, name: name(c.label) })),
      confusion: { labels: evaluation.confusion.labels, names: evaluation.confusion.labels.map(name), matrix: evaluation.confusion.matrix },
    },
  };
}

async function labelNamer(ctx: AppContext, kind: string, labels: string[], lang: 'zh' | 'en'): Promise<(label: string) => string> {
  if (kind === 'category') return (code) => categoryName(ctx, code, lang);
  const ids = labels.filter((l) => l.startsWith('unit:')).map((l) => l.slice(5));
  const rows = ids.length ? await ctx.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids)) : [];
  const names = new Map(rows.map((r) => [`unit:${r.id}`, r.name]));
  return (label) => names.get(label) ?? levelLabels[label]?.[lang] ?? label;
}
