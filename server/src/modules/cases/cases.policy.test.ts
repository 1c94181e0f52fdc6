import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../platform/roles.js';
import { caseActions, caseStatuses, transitions, type CaseAction, type CaseStatus } from './case-machine.js';
import { casePolicy, decide, reporterActions, systemActions, type ActorFacts, type CaseFacts, type PartyFacts } from './cases.policy.js';

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

  it('admins never act on the lifecycle; leaders decide extensions and urge', () => {
    for (const action of caseActions) {
      for (const status of caseStatuses) {
        expect(decide(facts({ status }), action, actorByRole.admin).allowed).toBe(false);
        const leader = decide(facts({ status, pendingExtensionById: 'cs' }), action, actorByRole.leader);
        const urgeable = transitions.urge.from.includes(status);
        expect(leader.allowed, `${action} ${status}`).toBe((action === 'approve-extension' && status === 'in_progress') || (action === 'urge' && urgeable));
      }
    }
  });

  const allowedFor = (role: Role, f: CaseFacts) => caseActions.filter((a) => decide(f, a, actorByRole[role]).allowed);

  it('dispatchers accept, reject and merge reported cases', () => {
    expect(allowedFor('community_staff', facts())).toEqual(['accept', 'reject', 'merge']);
    expect(allowedFor('center_operator', facts())).toEqual(['accept', 'reject', 'merge', 'urge']);
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
    // Reporter verification: the reporter closes by rating; the center only after long silence.
    expect(decide(handled('someone', 'reporter'), 'close', actorByRole.community_staff).allowed).toBe(false);
    expect(decide({ ...handled('someone', 'reporter'), reporterSilent: true }, 'close', actorByRole.center_operator).allowed).toBe(true);
    expect(decide({ ...handled('someone', 'reporter'), reporterSilent: true }, 'close', actorByRole.community_staff).allowed).toBe(false);
    // An anonymous case has nobody to ask: verified on site.
    expect(decide({ ...handled('someone', 'reporter'), hasReporter: false }, 'close', actorByRole.community_staff).allowed).toBe(true);
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
    // Rating and follow-up act on closed cases without a transition of their own (a 不满意 may reopen).
    expect(exits('closed').filter((a) => transitions[a].to !== null)).toEqual(['reopen']);
    expect(exits('closed')).toEqual(['reopen', 'rate', 'follow-up']);
  });

  const party = (overrides: Partial<PartyFacts> = {}): PartyFacts => ({
    id: 'p1',
    kind: 'node',
    partyId: 'village',
    nodePath: villagePath,
    name: '江庄村',
    checkedIn: false,
    completed: false,
    ...overrides,
  });

  it('whistles: the roles of the settings blow them; summoned parties check in and report; close waits for them', () => {
    const inProgress = facts({ status: 'in_progress', assignee: assigneeFor.grid_worker, whistleRoles: ['grid_worker', 'community_staff'] });
    expect(decide(inProgress, 'whistle', actorByRole.grid_worker).allowed).toBe(true);
    expect(decide(inProgress, 'whistle', actorByRole.center_operator)).toMatchObject({ allowed: false, error: 'FORBIDDEN' });
    const summoned = { ...inProgress, parties: [party(), party({ id: 'p2', kind: 'user', partyId: 'cadre', nodePath: null, name: '赵磊' })] };
    expect(decide(summoned, 'check-in', actorByRole.community_staff).allowed).toBe(true);
    expect(decide(summoned, 'check-in', actorByRole.cadre).allowed).toBe(true);
    expect(decide(summoned, 'check-in', actorByRole.grid_worker)).toMatchObject({ allowed: false, error: 'FORBIDDEN' });
    const checkedIn = { ...summoned, parties: [party({ checkedIn: true }), party({ id: 'p2', kind: 'user', partyId: 'cadre', nodePath: null, name: '赵磊', completed: true })] };
    expect(decide(checkedIn, 'check-in', actorByRole.community_staff).allowed).toBe(false);
    expect(decide(checkedIn, 'report-progress', actorByRole.community_staff).allowed).toBe(true);
    expect(decide(checkedIn, 'report-progress', actorByRole.cadre).allowed).toBe(false);
    const handled = { ...checkedIn, status: 'handled' as const, handlerId: 'gw' };
    const blocked = decide(handled, 'close', actorByRole.community_staff);
    expect(blocked).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION' });
    expect(!blocked.allowed && blocked.reason.zh).toContain('江庄村');
    expect(decide({ ...handled, parties: [party({ completed: true })] }, 'close', actorByRole.community_staff).allowed).toBe(true);
  });

  it('rating: once per round, after closing (or on a handled case the reporter verifies)', () => {
    expect(decide(facts({ status: 'closed' }), 'rate', actorByRole.community_staff).allowed).toBe(true);
    expect(decide(facts({ status: 'closed', ratedThisRound: true }), 'rate', actorByRole.community_staff)).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION' });
    expect(decide(facts({ status: 'handled' }), 'rate', actorByRole.center_operator).allowed).toBe(false);
    expect(decide(facts({ status: 'handled', verification: 'reporter' }), 'rate', actorByRole.center_operator).allowed).toBe(true);
    expect(decide(facts({ status: 'closed' }), 'rate', actorByRole.grid_worker).allowed).toBe(false);
    expect(decide(facts({ status: 'closed' }), 'follow-up', actorByRole.community_staff).allowed).toBe(true);
  });

  it('an inquiry (verification "none") closes on answer: handling is followed by the auto-close step', () => {
    const inProgress = facts({ status: 'in_progress', assignee: assigneeFor.grid_worker });
    expect(decide({ ...inProgress, verification: 'none' }, 'handle', actorByRole.grid_worker)).toEqual({ allowed: true, to: 'handled', then: 'auto-close' });
    for (const verification of ['on_site', 'reporter'] as const) {
      expect(decide({ ...inProgress, verification }, 'handle', actorByRole.grid_worker)).toEqual({ allowed: true, to: 'handled' });
    }
    // No other action is followed by a step of its own.
    for (const action of caseActions.filter((a) => a !== 'handle')) {
      for (const status of caseStatuses) {
        const decision = decide(facts({ status, verification: 'none', assignee: assigneeFor.center_operator }), action, actorByRole.center_operator);
        expect(decision.allowed && decision.then, `${action} from ${status}`).toBeFalsy();
      }
    }
  });
});

describe('the system and the reporter as actors', () => {
  const system = { kind: 'system' } as const;
  const reporter = { kind: 'reporter' } as const;

  it('the system only escalates, from the statuses escalation allows, below department level', () => {
    expect(systemActions).toEqual(['escalate']);
    for (const action of caseActions) {
      for (const status of caseStatuses) {
        for (const level of ['grid', 'village', 'town', 'department'] as const) {
          const decision = decide(facts({ status, level }), action, system);
          const expected = action === 'escalate' && transitions.escalate.from.includes(status) && level !== 'department';
          expect(decision.allowed, `${action} from ${status} at ${level}`).toBe(expected);
          if (!decision.allowed && action !== 'escalate') expect(decision.error).toBe('FORBIDDEN');
          if (!decision.allowed && action === 'escalate') expect(decision.error).toBe('INVALID_TRANSITION');
        }
      }
    }
  });

  it('the reporter only rates: once per round, after closing, or on a handled case they verify', () => {
    expect(reporterActions).toEqual(['rate']);
    for (const action of caseActions.filter((a) => a !== 'rate')) {
      expect(decide(facts({ status: 'closed' }), action, reporter)).toMatchObject({ allowed: false, error: 'FORBIDDEN' });
    }
    expect(decide(facts({ status: 'closed' }), 'rate', reporter)).toEqual({ allowed: true, to: null });
    expect(decide(facts({ status: 'handled', verification: 'reporter' }), 'rate', reporter)).toEqual({ allowed: true, to: null });
    const tooEarly = decide(facts({ status: 'handled' }), 'rate', reporter);
    expect(tooEarly).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION', reason: { zh: '诉求办结后才能评价' } });
    expect(decide(facts({ status: 'in_progress', verification: 'reporter' }), 'rate', reporter).allowed).toBe(false);
    const twice = decide(facts({ status: 'closed', ratedThisRound: true }), 'rate', reporter);
    expect(twice).toMatchObject({ allowed: false, error: 'INVALID_TRANSITION', reason: { zh: '您已评价过本次办理结果' } });
  });
});
