import { AppError } from '../../platform/errors.js';
import type { ActorFacts } from '../cases/cases.policy.js';
import { rolePermissions, type Permission, type Role } from './roles.js';

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

export type Actor = StaffActor | PublicActor;

export const publicActor: PublicActor = { kind: 'public' };

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'staff' && rolePermissions[actor.role].includes(permission);
}

/** 401 when nobody is signed in, 403 when the role lacks the permission. */
export function requirePermission(actor: Actor, permission: Permission): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED');
  if (!hasPermission(actor, permission)) {
    throw new AppError('FORBIDDEN', {
      detail: { zh: `当前角色没有「${permission}」权限`, en: `Your role lacks the ${permission} permission` },
    });
  }
  return actor;
}

export function actorFacts(actor: StaffActor): ActorFacts {
  return { id: actor.id, role: actor.role, unitId: actor.unitId, nodePaths: actor.nodes.map((n) => n.path) };
}

/** True when `path` lies under one of the actor's territory nodes. */
export function actorCoversPath(actor: StaffActor, path: string): boolean {
  return actor.nodes.some((n) => path.startsWith(n.path));
}
