import { AppError } from './errors.js';
import { rolePermissions, type Permission, type Role } from './roles.js';
import { isUnder } from './territory-path.js';

export interface ActorNode {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

/** A signed-in staff member, with the territory nodes and unit that bound what they see. */
export interface StaffActor {
  kind: 'staff';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
  nodes: ActorNode[];
  /** An administrator chose this account's password: until it is changed, only /auth/* answers. */
  mustChangePassword?: boolean;
}

/** Someone who is not signed in: may report, track with number + code, and locate. */
export interface PublicActor {
  kind: 'public';
}

/** A resident signed in with phone + one-time code: sees only the cases they reported. */
export interface ResidentActor {
  kind: 'resident';
  id: string;
  /** Keyed hash of their phone, compared with reporters.phone_hash (never decrypted to match). */
  phoneHash: string;
  /** Their phone, sealed; copied as is onto the reporter row of a case they report. */
  phoneEncrypted: string;
}

/** An integration (hotline import, Open311 client) calling with an API key. */
export interface IntegrationActor {
  kind: 'integration';
  /** The API key's id. */
  id: string;
  name: string;
  nodes: ActorNode[];
  permissions: readonly Permission[];
}

/** What the case policy needs to know about a staff member: who, which role, which unit, which territory. */
export interface ActorFacts {
  id: string;
  role: Role;
  unitId: string | null;
  nodePaths: readonly string[];
}

export type Actor = StaffActor | PublicActor | ResidentActor | IntegrationActor;

/** Callers bounded by territory nodes, for the scope functions: staff, and integrations (nodes only). */
export type ScopedActor = StaffActor | IntegrationActor;

export const publicActor: PublicActor = { kind: 'public' };

export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'integration') return actor.permissions.includes(permission);
  return actor.kind === 'staff' && rolePermissions[actor.role].includes(permission);
}

/**
 * Staff only: 401 when no staff member is signed in (residents included), 403 for an API key
 * and when the role lacks the permission.
 */
export function requirePermission(actor: Actor, permission: Permission): StaffActor {
  if (actor.kind === 'integration') {
    throw new AppError('FORBIDDEN', { detail: { zh: 'API 密钥不能调用此接口', en: 'API keys may not call this endpoint' } });
  }
  if (actor.kind === 'resident') {
    throw new AppError('UNAUTHENTICATED', { detail: { zh: '此功能需要工作人员登录', en: 'This needs a staff sign-in' } });
  }
  if (actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  if (!hasPermission(actor, permission)) {
    throw new AppError('FORBIDDEN', {
      detail: { zh: `当前角色没有「${permission}」权限`, en: `Your role lacks the ${permission} permission` },
    });
  }
  return actor;
}

/**
 * Like requirePermission, but an API key holding the permission passes too. For the endpoints
 * integrations may call (intake, case list and detail, territory reads); scope comes from the nodes.
 */
export function requireScopedPermission(actor: Actor, permission: Permission): ScopedActor {
  if (actor.kind !== 'integration') return requirePermission(actor, permission);
  if (!actor.permissions.includes(permission)) {
    throw new AppError('FORBIDDEN', {
      detail: { zh: `此 API 密钥没有「${permission}」权限`, en: `This API key lacks the ${permission} permission` },
    });
  }
  return actor;
}

export function actorFacts(actor: StaffActor): ActorFacts {
  return { id: actor.id, role: actor.role, unitId: actor.unitId, nodePaths: actor.nodes.map((n) => n.path) };
}

/** True when `path` lies under one of the actor's territory nodes. */
export function actorCoversPath(actor: ScopedActor, path: string): boolean {
  return actor.nodes.some((n) => isUnder(path, n.path));
}
