import type { Bilingual } from '../../platform/i18n.js';
import type { TerritoryLevel } from '../territory/territory.tables.js';
import type { Permission, Role, UnitKind } from '../../platform/roles.js';

/**
 * Which territory a role may hold — the shape of the job, checked when an administrator creates or
 * edits an account:
 * - grid workers patrol grids; cadres (下沉干部) are assigned to villages or single grids;
 * - community staff run a village/community;
 * - the governance center runs a town — or the whole county (区社会治理指挥中心);
 * - leaders and administrators work for the county or a town;
 * - department staff belong to a unit (a department is a unit, not a territory node); a node
 *   (county or town) is optional, for a department's local station.
 */
export interface RoleRule {
  nodeLevels: readonly TerritoryLevel[];
  minNodes: number;
  requiresUnit: boolean;
}

export const roleRules: Record<Role, RoleRule> = {
  grid_worker: { nodeLevels: ['grid'], minNodes: 1, requiresUnit: false },
  cadre: { nodeLevels: ['village', 'grid'], minNodes: 1, requiresUnit: false },
  community_staff: { nodeLevels: ['village'], minNodes: 1, requiresUnit: false },
  center_operator: { nodeLevels: ['town', 'county'], minNodes: 1, requiresUnit: false },
  department_staff: { nodeLevels: ['county', 'town'], minNodes: 0, requiresUnit: true },
  leader: { nodeLevels: ['county', 'town'], minNodes: 1, requiresUnit: false },
  admin: { nodeLevels: ['county', 'town'], minNodes: 1, requiresUnit: false },
};

/**
 * Where a unit of each kind sits: a community's unit at its village, a town office at its town;
 * departments and partners at the county or a town, or nowhere in particular.
 */
export const unitKindLevels: Record<UnitKind, { levels: readonly TerritoryLevel[]; requiresNode: boolean }> = {
  department: { levels: ['county', 'town'], requiresNode: false },
  office: { levels: ['town'], requiresNode: false },
  community: { levels: ['village'], requiresNode: false },
  partner: { levels: ['county', 'town', 'village'], requiresNode: false },
};

/** Labels for the roles × permissions matrix: every permission has one (the type makes a new one name it). */
export const permissionLabels: Record<Permission, Bilingual> = {
  'case:create': { zh: '登记诉求', en: 'Register cases' },
  'case:read': { zh: '查看诉求', en: 'Read cases' },
  'territory:read': { zh: '查看区划与网格', en: 'Read territory and grids' },
  'grid:import': { zh: '导入网格', en: 'Import grids' },
  'category:edit': { zh: '维护事项分类', en: 'Edit categories' },
  'classification:admin': { zh: '管理智能分拨模型', en: 'Manage suggestion models' },
  'staff:read': { zh: '查看人员（选派单对象）', en: 'Read staff (assignee pickers)' },
  'user:admin': { zh: '管理用户、单位与角色', en: 'Manage users, units and roles' },
  'apikey:admin': { zh: '管理接口密钥', en: 'Manage API keys' },
  'audit:read': { zh: '查看审计日志', en: 'Read the audit trail' },
  'pii:read': { zh: '查看个人信息明文（须说明理由并留痕）', en: 'Reveal personal data (with a reason, logged)' },
  'pii:erase': { zh: '删除个人信息（依申请）', en: 'Erase personal data (on request)' },
  'assignment:admin': { zh: '管理包联责任', en: 'Manage area assignments' },
  'duty:admin': { zh: '排班值守', en: 'Manage the duty roster' },
  'household:read': { zh: '查看户籍人口', en: 'Read households' },
  'household:edit': { zh: '维护户籍人口', en: 'Edit households' },
  'household:import': { zh: '导入户籍人口', en: 'Import households' },
  'calendar:edit': { zh: '维护节假日与时限', en: 'Edit the holiday calendar and deadlines' },
  'webhook:admin': { zh: '管理 Webhook 推送', en: 'Manage webhooks' },
  'visit:record': { zh: '登记走访', en: 'Record visits' },
  'visit:read': { zh: '查看走访', en: 'Read visits' },
  'visit:plan': { zh: '制定走访计划', en: 'Plan visits' },
};

export const levelLabels: Record<TerritoryLevel, Bilingual> = {
  county: { zh: '区县', en: 'County' },
  town: { zh: '镇(街道)', en: 'Town/street' },
  village: { zh: '村(社区)', en: 'Village/community' },
  grid: { zh: '网格', en: 'Grid' },
};
