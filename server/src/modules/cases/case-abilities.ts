import type { Role } from '../../platform/roles.js';
import { caseActions, caseStatuses, openStatuses, statusLabels, type CaseAction } from './case-machine.js';
import { casePolicy } from './cases.policy.js';

export interface CaseAbilities {
  /** Every action the role may ever take on some case (whether it can on a given one is that case's `allowedActions`). */
  actions: CaseAction[];
  /** Accepts and dispatches (受理、派单): batch dispatch, the reported and returned cases in their queue. */
  canDispatch: boolean;
  /** Holds cases as their assignee, so they have a queue of their own (待我处理). */
  hasQueue: boolean;
}

/** What a role may do with cases, read from the one case policy table. */
export function caseAbilitiesOf(role: Role): CaseAbilities {
  const actions = caseActions.filter((action) => casePolicy[action].roles.includes(role));
  return {
    actions,
    canDispatch: casePolicy.dispatch.roles.includes(role),
    hasQueue: actions.some((action) => casePolicy[action].relation === 'assignee'),
  };
}

/** The lifecycle's states in order, labelled, and whether a case in them still needs work. */
export function caseStatusList() {
  return caseStatuses.map((status) => ({ status, label: statusLabels[status], open: openStatuses.includes(status) }));
}
