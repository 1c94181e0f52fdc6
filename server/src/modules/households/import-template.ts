import { actorCoversPath, requirePermission, type Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { idNumberCheckChar } from './id-number.js';

/** A valid example ID number (the check character computed, so the template imports as is). */
const exampleId = (first17: string) => first17 + idNumberCheckChar(first17);

/**
 * The downloadable template: UTF-8 with a BOM (Excel opens it with the right characters), the
 * header words the mapping step recognises, and a household of three, a single elderly resident
 * and a continuation row with blank address cells — in the caller's first basic grid.
 */
export function templateCsv(ctx: AppContext, actorInput: Actor): string {
  const actor = requirePermission(actorInput, 'household:import');
  const grid = ctx.grids.current.grids.find((g) => g.gridKind === 'basic' && actorCoversPath(actor, g.path));
  const code = grid?.code ?? '320305100201001';
  const rows = [
    ['网格编码', '地址', '楼栋', '单元', '房号', '姓名', '电话', '身份证号', '与户主关系', '标签'],
    [code, '江庄村幸福路18号', '', '', '', '王建国', '13952001234', exampleId('32030519580312401'), '户主', '低保'],
    [code, '江庄村幸福路18号', '', '', '', '李秀英', '', exampleId('32030519600705402'), '配偶', ''],
    ['', '', '', '', '', '王小明', '', exampleId('32030520150101403'), '孙子女', '留守儿童'],
    [code, '江庄村新村小区', '3', '2', '201', '赵桂兰', '051687001234', '', '户主', '独居老人、重点关注'],
  ];
  return '\uFEFF' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
}
