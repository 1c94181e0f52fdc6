/**
 * The access matrix's entries for 智能分拨 (modules/classification): models, training, settings, a case's
 * suggestion and the forms' hint. `access-matrix.ts` spreads them in; its header says what each field means.
 */
import { sql } from 'drizzle-orm';
import { trainModels } from '../src/modules/classification/training.service.js';
import type { Operation } from './access-matrix.js';
import { insertClosedCases } from './classification-fixtures.js';
import type { TestApp } from './test-app.js';

export const classificationOperations: Record<string, Operation> = {
  'GET /api/v1/classification/models': { access: 'classification:admin', scope: 'none', path: () => '/api/v1/classification/models' },
  'GET /api/v1/classification/models/{id}': { access: 'classification:admin', scope: 'none', path: (f) => `/api/v1/classification/models/${f.modelId}` },
  'POST /api/v1/classification/models/train': { access: 'classification:admin', scope: 'none', writes: true, path: () => '/api/v1/classification/models/train', body: () => ({}) },
  'POST /api/v1/classification/models/{id}/activate': { access: 'classification:admin', scope: 'none', writes: true, path: (f) => `/api/v1/classification/models/${f.modelId}/activate` },
  // Nothing was active before: a rollback has no previous version (409).
  'POST /api/v1/classification/kinds/{kind}/rollback': { access: 'classification:admin', scope: 'none', writes: true, policy: true, path: () => '/api/v1/classification/kinds/unit/rollback' },
  'POST /api/v1/classification/kinds/{kind}/deactivate': { access: 'classification:admin', scope: 'none', writes: true, path: () => '/api/v1/classification/kinds/unit/deactivate' },
  'GET /api/v1/classification/settings': { access: 'classification:admin', scope: 'none', path: () => '/api/v1/classification/settings' },
  'PUT /api/v1/classification/settings': {
    access: 'classification:admin',
    scope: 'none',
    writes: true,
    policy: true,
    path: () => '/api/v1/classification/settings',
    body: () => ({ applyThreshold: 0.7, version: 999 }),
  },
  'GET /api/v1/cases/{id}/suggestion': { access: 'case:read', scope: 'case', path: (f) => `/api/v1/cases/${f.caseId}/suggestion` },
  'POST /api/v1/classification/suggest': { access: 'public', scope: 'none', path: () => '/api/v1/classification/suggest', body: () => ({ description: '村口路灯坏了好几天' }) },
};

/** A trained category model (a candidate, from closed cases added for it). */
export async function classificationFixture(t: TestApp): Promise<{ modelId: string }> {
  await insertClosedCases(t, 12);
  await trainModels(t.ctx, null);
  const [row] = await t.rows(sql`select id from classifier_models where kind = 'category' order by version limit 1`);
  if (!row) throw new Error('the classification fixture trained no model');
  return { modelId: String(row.id) };
}
