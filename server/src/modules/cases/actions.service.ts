import type { AppContext } from '../../platform/context.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { commitCaseChange } from './case-change.js';
import type { CaseAction } from './case-machine.js';
import type { ActionBodies } from './cases.schema.js';
import type { CaseRow } from './cases.tables.js';

export { caseNotFound } from './case-change.js';

/**
 * Performs one lifecycle action as a staff member: scope (404), policy (403/409), version (409),
 * then the change with its event and audit rows in one transaction (commitCaseChange, the same path
 * the system and the reporter take). Every route, the seed and the imports come through here.
 */
export async function performCaseAction<A extends CaseAction>(
  ctx: AppContext,
  actorInput: Actor,
  caseId: string,
  action: A,
  body: ActionBodies[A],
): Promise<CaseRow> {
  return commitCaseChange(ctx, requirePermission(actorInput, 'case:read'), caseId, action, body);
}
