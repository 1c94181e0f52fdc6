/**
 * The access matrix again on a case located above where it is assigned: a hotline call with an address only
 * (located at the fixture village) that `community` dispatched down to the fixture grid. Its case-scoped
 * reads, the reporter reveal and 接单 answer everyone as for the fixture case itself (`scope: 'case'`):
 * those over the grid, the grid worker included, see it; the department and another town still get 404.
 */
import type { Fixture, Operation } from './access-matrix.js';

/** The operations probed on the dispatched case (by their matrix names). */
export const dispatchedProbeNames = [
  'GET /api/v1/cases/{id}',
  'GET /api/v1/cases/{id}/loop',
  'GET /api/v1/cases/{id}/photos/{photoId}',
  'GET /api/v1/cases/{id}/supervision-notices',
  'POST /api/v1/cases/{id}/reporter/reveal',
  // Last: the grid worker takes it (the first caller the policy lets), and it stays theirs.
  'POST /api/v1/cases/{id}/actions/take',
] as const;

/** The same operations with their paths pointing at the dispatched case and its photo. */
export function dispatchedOperations(operations: Record<string, Operation>): Array<[string, Operation]> {
  return dispatchedProbeNames.map((name) => {
    const op = operations[name];
    if (!op) throw new Error(`no matrix entry ${name}`);
    const onDispatched = (f: Fixture): Fixture => ({ ...f, caseId: f.dispatchedCaseId, photoId: f.dispatchedPhotoId });
    return [
      `${name} (dispatched below its location)`,
      {
        ...op,
        path: (f, session, caller) => op.path(onDispatched(f), session, caller),
        versionOf: (f) => f.dispatchedCaseId,
        ...(op.body ? { body: (f: Fixture, version: number) => op.body!(onDispatched(f), version) } : {}),
      },
    ];
  });
}
