import type { Bilingual } from '../../platform/i18n.js';
import type { CaseLevel, VerificationRule } from '../categories/categories.tables.js';
import type { ActorFacts } from '../../platform/actor.js';
import type { Role } from '../../platform/roles.js';
import { isUnder } from '../../platform/territory-path.js';
import { automaticSteps, transitions, type AutomaticStep, type CaseAction, type CaseStatus } from './case-machine.js';

export type { ActorFacts };

/** Who `decide` judges: a staff member (their facts), the system, or the reporter of the case. */
export type DecidingActor = ActorFacts | { kind: 'system' } | { kind: 'reporter' };

/**
 * Who may do what to a case: one table (role × action, plus the relation the actor must
 * have to the case) and one pure function, `decide`. Scope (404) is enforced before this,
 * in the queries; `decide` answers 403 (role/relation) or 409 (state).
 */
type Relation = 'dispatcher' | 'assignee' | 'verifier' | 'superior' | 'assigneeOrDispatcher' | 'inScope' | 'whistler' | 'summoned';

interface PolicyRule {
  roles: readonly Role[];
  relation: Relation;
}

const dispatchers: readonly Role[] = ['community_staff', 'center_operator'];
const handlers: readonly Role[] = ['grid_worker', 'cadre', 'community_staff', 'center_operator', 'department_staff'];
const verifiers: readonly Role[] = ['grid_worker', 'community_staff', 'center_operator'];
/** Roles a whistle setting may allow; which grade each may blow is configured (whistle_settings). */
const whistleRoles: readonly Role[] = ['grid_worker', 'cadre', 'community_staff', 'center_operator', 'leader'];
/** Anyone a whistle may summon: community staff, cadres, town offices, departments, leaders. */
const summonable: readonly Role[] = ['grid_worker', 'cadre', 'community_staff', 'center_operator', 'department_staff', 'leader'];

/**
 * With reporter verification, a center operator may close a handled case the reporter has not
 * rated after this many days (the reporter may have lost the link or not answer at all).
 */
export const reporterSilenceDays = 7;

export const casePolicy: Record<CaseAction, PolicyRule> = {
  accept: { roles: dispatchers, relation: 'dispatcher' },
  reject: { roles: dispatchers, relation: 'dispatcher' },
  merge: { roles: dispatchers, relation: 'dispatcher' },
  dispatch: { roles: dispatchers, relation: 'dispatcher' },
  return: { roles: handlers, relation: 'assignee' },
  take: { roles: handlers, relation: 'assignee' },
  handle: { roles: handlers, relation: 'assignee' },
  close: { roles: verifiers, relation: 'verifier' },
  rework: { roles: verifiers, relation: 'verifier' },
  reopen: { roles: dispatchers, relation: 'dispatcher' },
  escalate: { roles: handlers, relation: 'assigneeOrDispatcher' },
  'request-extension': { roles: handlers, relation: 'assignee' },
  'approve-extension': { roles: ['community_staff', 'center_operator', 'leader'], relation: 'superior' },
  'long-term': { roles: handlers, relation: 'assignee' },
  whistle: { roles: whistleRoles, relation: 'whistler' },
  'check-in': { roles: summonable, relation: 'summoned' },
  'report-progress': { roles: summonable, relation: 'summoned' },
  urge: { roles: ['leader', 'center_operator'], relation: 'inScope' },
  // Staff record a rating on the reporter's behalf (given by phone or in person).
  rate: { roles: dispatchers, relation: 'inScope' },
  'follow-up': { roles: dispatchers, relation: 'inScope' },
};

/** What the system does by itself: a deadline handler escalates an overdue case (policy `autoEscalate`). */
export const systemActions: readonly CaseAction[] = ['escalate'];
/** What the reporter does: rate the result (tracking page, 我的诉求). */
export const reporterActions: readonly CaseAction[] = ['rate'];

/** A party summoned by a whistle, as the policy sees it. */
export interface PartyFacts {
  id: string;
  kind: 'unit' | 'user' | 'node';
  partyId: string;
  /** For a node party (a village committee): the node's path. */
  nodePath: string | null;
  name: string;
  checkedIn: boolean;
  completed: boolean;
}

export type CaseAssignee =
  | { kind: 'node'; nodePath: string; nodeLevel: 'grid' | 'village' | 'town' | 'county' }
  | { kind: 'unit'; unitId: string }
  | { kind: 'user'; userId: string };

/** The facts about a case that the policy reads; built from the row by the service. */
export interface CaseFacts {
  status: CaseStatus;
  level: CaseLevel;
  verification: VerificationRule;
  gridPath: string | null;
  assignee: CaseAssignee | null;
  handlerId: string | null;
  pendingExtensionById: string | null;
  isLongTerm: boolean;
  /** Whistle parties of the case (absent: none). */
  parties?: readonly PartyFacts[];
  /** Roles allowed to blow at least one whistle grade (from the settings). */
  whistleRoles?: readonly Role[];
  /** The reporter already rated this closing round. */
  ratedThisRound?: boolean;
  /** A reporter exists who can confirm (not anonymous, not erased). */
  hasReporter?: boolean;
  /** Handled at least `reporterSilenceDays` ago. */
  reporterSilent?: boolean;
}

export type Decision =
  /** `then`: the step the system takes right after (case-machine.ts `automaticSteps`). */
  | { allowed: true; to: CaseStatus | null; then?: AutomaticStep }
  | { allowed: false; error: 'FORBIDDEN' | 'INVALID_TRANSITION'; reason: Bilingual };

export const nextLevel: Record<CaseLevel, CaseLevel | null> = {
  grid: 'village',
  village: 'town',
  town: 'department',
  department: null,
};

/** Which role handles a case assigned to a territory node of each level. */
export const nodeHandlerRoles: Record<string, readonly Role[]> = {
  grid: ['grid_worker', 'cadre'],
  village: ['community_staff', 'cadre'],
  town: ['center_operator'],
  county: ['center_operator'],
};

function covers(actor: ActorFacts, path: string | null): boolean {
  return path !== null && actor.nodePaths.some((p) => isUnder(path, p));
}

export function isAssignee(actor: ActorFacts, facts: CaseFacts): boolean {
  const a = facts.assignee;
  if (!a) return false;
  switch (a.kind) {
    case 'user':
      return a.userId === actor.id;
    case 'unit':
      return a.unitId === actor.unitId;
    case 'node':
      return (nodeHandlerRoles[a.nodeLevel] ?? []).includes(actor.role) && covers(actor, a.nodePath);
  }
}

/** Whether the actor belongs to a summoned party: its staff (unit), the person, or the village's community staff (node). */
export function isPartyMember(actor: ActorFacts, party: Pick<PartyFacts, 'kind' | 'partyId' | 'nodePath'>): boolean {
  switch (party.kind) {
    case 'user':
      return party.partyId === actor.id;
    case 'unit':
      return party.partyId === actor.unitId;
    case 'node':
      return actor.role === 'community_staff' && covers(actor, party.nodePath);
  }
}

/** The actor's parties still to check in (check-in) or to report completion (report-progress). */
export function actorParties(actor: ActorFacts, facts: CaseFacts, action: 'check-in' | 'report-progress'): PartyFacts[] {
  return (facts.parties ?? []).filter((p) => isPartyMember(actor, p) && (action === 'check-in' ? !p.checkedIn : !p.completed));
}

/** Reporter verification applies when there is a reporter to ask; anonymous cases are verified on site. */
function reporterVerifies(facts: CaseFacts): boolean {
  return facts.verification === 'reporter' && facts.hasReporter !== false;
}

function isVerifier(actor: ActorFacts, facts: CaseFacts, action: CaseAction = 'close'): boolean {
  if (facts.handlerId === actor.id) return false; // nobody verifies their own work
  if (facts.verification === 'none') return false; // closed automatically on answer
  // The reporter closes by rating; staff may still send it back, and the center closes after long silence.
  if (action === 'close' && reporterVerifies(facts)) return actor.role === 'center_operator' && facts.reporterSilent === true;
  if (actor.role === 'grid_worker') return facts.verification === 'on_site' && covers(actor, facts.gridPath);
  return actor.role === 'community_staff' || actor.role === 'center_operator';
}

function isSuperior(actor: ActorFacts, facts: CaseFacts): boolean {
  if (facts.pendingExtensionById === actor.id) return false;
  if (actor.role === 'community_staff') return facts.level === 'grid';
  // The town center and leaders supervise every level, departments included.
  return actor.role === 'center_operator' || actor.role === 'leader';
}

function relationHolds(relation: Relation, action: CaseAction, actor: ActorFacts, facts: CaseFacts): boolean {
  switch (relation) {
    case 'dispatcher':
    case 'inScope':
      return true;
    case 'whistler':
      return (facts.whistleRoles ?? []).includes(actor.role);
    case 'summoned':
      return actorParties(actor, facts, action as 'check-in' | 'report-progress').length > 0;
    case 'assignee':
      return isAssignee(actor, facts);
    case 'verifier':
      return isVerifier(actor, facts, action);
    case 'superior':
      return isSuperior(actor, facts);
    case 'assigneeOrDispatcher':
      return isAssignee(actor, facts) || dispatchers.includes(actor.role);
  }
}

/** Extra state conditions beyond the status, each a 409 when it fails. */
function guardFails(action: CaseAction, facts: CaseFacts): Bilingual | null {
  switch (action) {
    case 'escalate':
      return nextLevel[facts.level] === null ? { zh: '案件已在部门层级，无法继续上提', en: 'The case is already at department level' } : null;
    case 'request-extension':
      if (facts.pendingExtensionById) return { zh: '已有待审批的延期申请', en: 'An extension request is already pending' };
      if (facts.isLongTerm) return { zh: '挂账案件不需要延期', en: 'A long-term case needs no extension' };
      return null;
    case 'approve-extension':
      return facts.pendingExtensionById ? null : { zh: '没有待审批的延期申请', en: 'No extension request is pending' };
    case 'long-term':
      return facts.isLongTerm ? { zh: '案件已挂账', en: 'The case is already long-term' } : null;
    case 'close': {
      const open = (facts.parties ?? []).filter((p) => !p.completed);
      if (open.length) {
        const names = open.map((p) => p.name).join('、');
        return { zh: `以下报到单位尚未报告完成：${names}`, en: `Summoned parties still to report completion: ${open.map((p) => p.name).join(', ')}` };
      }
      return facts.verification === 'none' ? { zh: '此类案件答复即结案，无需核查', en: 'This category closes on answer; no verification' } : null;
    }
    case 'handle': {
      // An inquiry closes on answer: with parties still at work, the answer must wait for them.
      const open = (facts.parties ?? []).filter((p) => !p.completed);
      if (facts.verification === 'none' && open.length) {
        return { zh: `答复即结案类案件须待报到单位完成：${open.map((p) => p.name).join('、')}`, en: `Closes on answer: wait for ${open.map((p) => p.name).join(', ')}` };
      }
      return null;
    }
    case 'rework':
      return facts.verification === 'none' ? { zh: '此类案件答复即结案，无需核查', en: 'This category closes on answer; no verification' } : null;
    case 'rate':
      if (facts.ratedThisRound) return { zh: '本次办理已评价过', en: 'This result has already been rated' };
      if (facts.status === 'handled' && !reporterVerifies(facts)) return { zh: '结案后才能评价', en: 'Rating comes after closing' };
      return null;
    default:
      return null;
  }
}

/** The one pure decision: may `actor` (staff, the system or the reporter) perform `action` on a case with `facts`? */
export function decide(facts: CaseFacts, action: CaseAction, actor: DecidingActor): Decision {
  if ('kind' in actor) return actor.kind === 'system' ? decideForSystem(facts, action) : decideForReporter(facts, action);
  const rule = casePolicy[action];
  const transition = transitions[action];
  if (!rule.roles.includes(actor.role)) {
    return { allowed: false, error: 'FORBIDDEN', reason: { zh: '您的角色不能执行此操作', en: 'Your role may not do this' } };
  }
  if (!transition.from.includes(facts.status)) {
    return {
      allowed: false,
      error: 'INVALID_TRANSITION',
      reason: { zh: `案件当前状态不允许此操作`, en: `Not allowed while the case is ${facts.status}` },
    };
  }
  const guard = guardFails(action, facts);
  if (guard) return { allowed: false, error: 'INVALID_TRANSITION', reason: guard };
  if (!relationHolds(rule.relation, action, actor, facts)) {
    const reason: Record<Relation, Bilingual> = {
      dispatcher: { zh: '您不能派单', en: 'You may not dispatch this case' },
      assignee: { zh: '只有承办人可以执行此操作', en: 'Only the assignee may do this' },
      verifier: { zh: '需由处置人以外的核查人核查', en: 'A verifier other than the handler must do this' },
      superior: { zh: '需由承办人的上级审批', en: "The assignee's superior must decide this" },
      assigneeOrDispatcher: { zh: '只有承办人或派单人可以上提', en: 'Only the assignee or a dispatcher may escalate' },
      inScope: { zh: '您不能执行此操作', en: 'You may not do this' },
      whistler: { zh: '您的角色不能吹哨', en: 'Your role may not blow a whistle' },
      summoned: { zh: '只有被召集且尚未完成的报到单位可以执行此操作', en: 'Only a summoned party that has not finished may do this' },
    };
    return { allowed: false, error: 'FORBIDDEN', reason: reason[rule.relation] };
  }
  return allowed(facts, action);
}

const notTheirs: Decision = { allowed: false, error: 'FORBIDDEN', reason: { zh: '您不能执行此操作', en: 'You may not do this' } };

function decideForSystem(facts: CaseFacts, action: CaseAction): Decision {
  if (!systemActions.includes(action)) return notTheirs;
  if (!transitions[action].from.includes(facts.status)) {
    return { allowed: false, error: 'INVALID_TRANSITION', reason: { zh: `案件当前状态不允许此操作`, en: `Not allowed while the case is ${facts.status}` } };
  }
  const guard = guardFails(action, facts);
  return guard ? { allowed: false, error: 'INVALID_TRANSITION', reason: guard } : allowed(facts, action);
}

/** The reporter rates once per closing round: after handling when they verify, otherwise after closing. */
function decideForReporter(facts: CaseFacts, action: CaseAction): Decision {
  if (!reporterActions.includes(action)) return notTheirs;
  const canRate = facts.status === 'closed' || (facts.status === 'handled' && facts.verification === 'reporter');
  if (!canRate) return { allowed: false, error: 'INVALID_TRANSITION', reason: { zh: '诉求办结后才能评价', en: 'You can rate once the case is resolved' } };
  if (facts.ratedThisRound) return { allowed: false, error: 'INVALID_TRANSITION', reason: { zh: '您已评价过本次办理结果', en: 'You have already rated this result' } };
  return allowed(facts, action);
}

/** Allowed: the transition's target, and the step the system takes right after, if any. */
function allowed(facts: CaseFacts, action: CaseAction): Decision {
  const then = (Object.keys(automaticSteps) as AutomaticStep[]).find((s) => automaticSteps[s].after === action && automaticSteps[s].verification === facts.verification);
  return { allowed: true, to: transitions[action].to, ...(then ? { then } : {}) };
}
