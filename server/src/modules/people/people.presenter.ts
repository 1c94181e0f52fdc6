import type { Lang } from '../../platform/i18n.js';
import type { StaffActor } from '../../platform/actor.js';
import { roleLabels, rolePermissions } from '../../platform/roles.js';

export function presentUser(user: StaffActor, unit: { id: string; code: string; name: string } | null, lang: Lang) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    roleLabel: roleLabels[user.role][lang],
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
    nodes: user.nodes.map(({ id, code, name, level }) => ({ id, code, name, level })),
    permissions: [...rolePermissions[user.role]],
    mustChangePassword: user.mustChangePassword ?? false,
  };
}
