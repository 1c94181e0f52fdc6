import type { Bilingual } from '../../platform/i18n.js';
import type { CaseLevel, VerificationRule } from '../categories/categories.tables.js';
import type { Role } from '../people/roles.js';
import { transitions, type CaseAction, type CaseStatus } from './case-machine.js';

/**
 * Who may do what to a case: one table (role × action, plus the relation the actor must
 * have to the case) and one pure function, `decide`. Scope (404) is enforced before this,
 * in the queries; `decide` answers 403 (role/relation) or 409 (state).
 */
type Relation = 'dispatcher' | 'assignee' | 'verifier' | 'superior' | 'assigneeOrDispatcher';

interface PolicyRule {
  roles: readonly Role[];
  relation: Relation;
}

const dispatchers: readonly Role[] = ['community_staff', 'center_operator'];
const handlers: readonly Role[] = ['grid_worker', 'cadre', 'community_staff', 'center_operator', 'department_staff'];
const verifiers: readonly Role[] = ['grid_worker', 'community_staff', 'center_operator'];

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
};

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
}

export interface ActorFacts {
  id: string;
  role: Role;
  unitId: string | null;
  nodePaths: readonly string[];
}

export type Decision =
  | { allowed: true; to: CaseStatus | null }
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
  return path !== null && actor.nodePaths.some((p) => path.startsWith(p));
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

function isVerifier(actor: ActorFacts, facts: CaseFacts): boolean {
  if (facts.handlerId === actor.id) return false; // nobody verifies their own work
  if (facts.verification === 'none') return false; // closed automatically on answer
  if (actor.role === 'grid_worker') return facts.verification === 'on_site' && covers(actor, facts.gridPath);
  return actor.role === 'community_staff' || actor.role === 'center_operator';
}

function isSuperior(actor: ActorFacts, facts: CaseFacts): boolean {
  if (facts.pendingExtensionById === actor.id) return false;
  if (actor.role === 'community_staff') return facts.level === 'grid';
  // The town center and leaders supervise every level, departments included.
  return actor.role === 'center_operator' || actor.role === 'leader';
}

function relationHolds(relation: Relation, actor: ActorFacts, facts: CaseFacts): boolean {
  switch (relation) {
    case 'dispatcher':
      return true;
    case 'assignee':
      return isAssignee(actor, facts);
    case 'verifier':
      return isVerifier(actor, facts);
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
    case 'close':
    case 'rework':
      return facts.verification === 'none' ? { zh: '此类案件答复即结案，无需核查', en: 'This category closes on answer; no verification' } : null;
    default:
      return null;
  }
}

/** The one pure decision: may `actor` perform `action` on a case with `facts`? */
export function decide(facts: CaseFacts, action: CaseAction, actor: ActorFacts): Decision {
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
  if (!relationHolds(rule.relation, actor, facts)) {
    const reason: Record<Relation, Bilingual> = {
      dispatcher: { zh: '您不能派单', en: 'You may not dispatch this case' },
      assignee: { zh: '只有承办人可以执行此操作', en: 'Only the assignee may do this' },
      verifier: { zh: '需由处置人以外的核查人核查', en: 'A verifier other than the handler must do this' },
      superior: { zh: '需由承办人的上级审批', en: "The assignee's superior must decide this" },
      assigneeOrDispatcher: { zh: '只有承办人或派单人可以上提', en: 'Only the assignee or a dispatcher may escalate' },
    };
    return { allowed: false, error: 'FORBIDDEN', reason: reason[rule.relation] };
  }
  return { allowed: true, to: transition.to };
}
