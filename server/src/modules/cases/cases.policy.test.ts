import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../people/roles.js';
import { caseActions, caseStatuses, transitions, type CaseAction, type CaseStatus } from './case-machine.js';
import { casePolicy, decide, type ActorFacts, type CaseFacts } from './cases.policy.js';

const gridPath = '/320305/320305107/320305107205/32030510720501/';
const villagePath = '/320305/320305107/320305107205/';
const townPath = '/320305/320305107/';

function facts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    status: 'reported',
    level: 'grid',
    verification: 'on_site',
    gridPath,
    assignee: null,
    handlerId: null,
    pendingExtensionById: null,
    isLongTerm: false,
    ...overrides,
  };
}

const actorByRole: Record<Role, ActorFacts> = {
  grid_worker: { id: 'gw', role: 'grid_worker', unitId: null, nodePaths: [gridPath] },
  cadre: { id: 'cadre', role: 'cadre', unitId: 'office', nodePaths: [villagePath] },
  community_staff: { id: 'cs', role: 'community_staff', unitId: null, nodePaths: [villagePath] },
  center_operator: { id: 'cc', role: 'center_operator', unitId: 'office', nodePaths: [townPath] },
  department_staff: { id: 'dept', role: 'department_staff', unitId: 'unit-cg', nodePaths: [] },
  leader: { id: 'leader', role: 'leader', unitId: null, nodePaths: ['/320305/'] },
  admin: { id: 'admin', role: 'admin', unitId: null, nodePaths: ['/320305/'] },
};

/** The assignee that makes each role "the assignee" of a case. */
const assigneeFor: Record<Role, CaseFacts['assignee']> = {
  grid_worker: { kind: 'node', nodePath: gridPath, nodeLevel: 'grid' },
  cadre: { kind: 'user', userId: 'cadre' },
  community_staff: { kind: 'node', nodePath: villagePath, nodeLevel: 'village' },
  center_operator: { kind: 'node', nodePath: townPath, nodeLevel: 'town' },
  department_staff: { kind: 'unit', unitId: 'unit-cg' },
  leader: null,
  admin: null,
};

describe('the case policy (exhaustive over role × action × status)', () => {
  it('never allows an action from a status outside its transition rule', () => {
    for (const role of roles) {
      for (const action of caseActions) {
        for (const status of caseStatuses) {
          const f = facts({ status, assignee: assigneeFor[role], pendingExtensionById: 'someone-else' });
          const decision = decide(f, action, actorByRole[role]);
          if (!transitions[action].from.includes(status)) {
            expect(decision.allowed, `${role} ${action} from ${status}`).toBe(false);
          }
          if (decision.allowed) expect(decision.to).toBe(transitions[action].to);
        }
      }
    }
  });

  it('answers 403 for roles outside the policy table, before looking at the state', () => {
    for (const role of roles) {
      for (const action of caseActions) {
        if (casePolicy[action].roles.includes(role)) continue;
        for (const status of caseStatuses) {
          const decision = decide(facts({ status }), action, actorByRole[role]);
          expect(decision).toMatchObject({ allowed: false, error: 'FORBIDDEN' });
        }
      }
    }
  });

  it('answers 409 for an allowed role in the wrong state', () => {
    const decision = decide(facts({ status: 'closed' }), 'accept', actorByRole.community_staff);
    expect(decision).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION' });
  });

  it('admins and leaders never act on the lifecycle except leaders deciding extensions', () => {
    for (const action of caseActions) {
      for (const status of caseStatuses) {
        expect(decide(facts({ status }), action, actorByRole.admin).allowed).toBe(false);
        const leader = decide(facts({ status, pendingExtensionById: 'cs' }), action, actorByRole.leader);
        expect(leader.allowed).toBe(action === 'approve-extension' && status === 'in_progress');
      }
    }
  });

  const allowedFor = (role: Role, f: CaseFacts) => caseActions.filter((a) => decide(f, a, actorByRole[role]).allowed);

  it('dispatchers accept, reject and merge reported cases', () => {
    expect(allowedFor('community_staff', facts())).toEqual(['accept', 'reject', 'merge']);
    expect(allowedFor('center_operator', facts())).toEqual(['accept', 'reject', 'merge']);
    expect(allowedFor('grid_worker', facts())).toEqual([]);
  });

  it('only the assignee takes, returns and handles', () => {
    const dispatched = facts({ status: 'dispatched', assignee: assigneeFor.grid_worker });
    expect(allowedFor('grid_worker', dispatched)).toEqual(['return', 'take', 'escalate']);
    const otherWorker: ActorFacts = { ...actorByRole.grid_worker, id: 'gw2', nodePaths: ['/320305/320305107/320305107205/32030510720502/'] };
    expect(decide(dispatched, 'take', otherWorker)).toMatchObject({ allowed: false, error: 'FORBIDDEN' });
    const toUnit = facts({ status: 'in_progress', assignee: assigneeFor.department_staff });
    expect(decide(toUnit, 'handle', actorByRole.department_staff).allowed).toBe(true);
    expect(decide(toUnit, 'handle', { ...actorByRole.department_staff, unitId: 'another-unit' }).allowed).toBe(false);
  });

  it('the handler never verifies their own work; grid workers verify only on-site cases in their grid', () => {
    const handled = (handlerId: string, verification: CaseFacts['verification'] = 'on_site') => facts({ status: 'handled', handlerId, verification });
    expect(decide(handled('gw'), 'close', actorByRole.grid_worker).allowed).toBe(false);
    expect(decide(handled('someone'), 'close', actorByRole.grid_worker).allowed).toBe(true);
    expect(decide(handled('someone', 'reporter'), 'close', actorByRole.grid_worker).allowed).toBe(false);
    expect(decide(handled('someone', 'reporter'), 'close', actorByRole.community_staff).allowed).toBe(true);
    expect(decide(handled('cs'), 'rework', actorByRole.community_staff).allowed).toBe(false);
    expect(decide(handled('someone', 'none'), 'close', actorByRole.center_operator)).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION' });
  });

  it('extensions: one pending at a time, decided by a superior who did not ask', () => {
    const inProgress = facts({ status: 'in_progress', assignee: assigneeFor.grid_worker });
    expect(decide(inProgress, 'request-extension', actorByRole.grid_worker).allowed).toBe(true);
    expect(decide(inProgress, 'approve-extension', actorByRole.community_staff).allowed).toBe(false);
    const pending = { ...inProgress, pendingExtensionById: 'gw' };
    expect(decide(pending, 'request-extension', actorByRole.grid_worker).allowed).toBe(false);
    expect(decide(pending, 'approve-extension', actorByRole.community_staff).allowed).toBe(true);
    expect(decide({ ...pending, level: 'town' }, 'approve-extension', actorByRole.community_staff).allowed).toBe(false);
    expect(decide({ ...pending, level: 'town' }, 'approve-extension', actorByRole.center_operator).allowed).toBe(true);
    expect(decide({ ...pending, pendingExtensionById: 'cc' }, 'approve-extension', actorByRole.center_operator).allowed).toBe(false);
    expect(decide({ ...inProgress, isLongTerm: true }, 'request-extension', actorByRole.grid_worker).allowed).toBe(false);
  });

  it('escalation stops at department level', () => {
    const atDepartment = facts({ status: 'in_progress', level: 'department', assignee: assigneeFor.department_staff });
    expect(decide(atDepartment, 'escalate', actorByRole.department_staff)).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION' });
    expect(decide({ ...atDepartment, level: 'town' }, 'escalate', actorByRole.center_operator).allowed).toBe(true);
  });

  it('every state is reachable from reported and every terminal state has no way out but reopen', () => {
    const reachable = new Set<CaseStatus>(['reported']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const action of caseActions) {
        const { from, to } = transitions[action];
        if (to && !reachable.has(to) && from.some((s) => reachable.has(s))) {
          reachable.add(to);
          grew = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...caseStatuses].sort());
    const exits = (status: CaseStatus) => caseActions.filter((a: CaseAction) => transitions[a].from.includes(status));
    expect(exits('rejected')).toEqual([]);
    expect(exits('merged')).toEqual([]);
    expect(exits('closed')).toEqual(['reopen']);
  });
});
