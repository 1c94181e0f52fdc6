import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, inArray } from 'drizzle-orm';
import { withDb, type AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { bilingual, type Bilingual, type Lang } from '../../platform/i18n.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../../platform/audit/audit.record.js';
import { emit } from '../../platform/events.js';
import './assignments.events.js'; // the events this file emits are declared there
import { requirePermission, type Actor, type StaffActor } from '../../platform/actor.js';
import { staff } from '../people/people.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import { isoDate, tierLabels } from './assignments.schema.js';
import { assignmentRefusal, staffFacts, underActor } from './assignments.scope.js';
import { rangesOverlap } from './assignments.service.js';
import { assignments, assignmentTiers, type AssignmentTier } from './assignments.tables.js';

export const importColumns = ['username', 'node_code', 'tier', 'starts_on', 'ends_on'] as const;
const maxRows = 20_000;

export interface BadLine {
  line: number;
  field: string | null;
  message: Bilingual;
}

/** A tier is written as its code or its Chinese name. */
const tierByText = new Map<string, AssignmentTier>(assignmentTiers.flatMap((t) => [[t, t] as const, [tierLabels[t].zh, t] as const]));

interface Line {
  line: number;
  username: string;
  nodeCode: string;
  tier: string;
  startsOn: string;
  endsOn: string;
  note: string;
}

function readLines(csv: string): { lines: Line[]; bad: BadLine[] } {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(csv, { bom: true, columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { lines: [], bad: [{ line, field: null, message: bilingual('CSV 格式错误（列名缺失或引号未闭合？）', 'the CSV cannot be read here (missing header or an unclosed quote?)') }] };
  }
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!.split(',').map((c) => c.trim().toLowerCase());
  const missing = importColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { lines: [], bad: [{ line: 1, field: null, message: bilingual(`缺少列：${missing.join(', ')}`, `missing column(s): ${missing.join(', ')}`) }] };
  }
  if (records.length === 0) return { lines: [], bad: [{ line: 1, field: null, message: bilingual('文件中没有数据行', 'the file holds no rows') }] };
  if (records.length > maxRows) return { lines: [], bad: [{ line: maxRows + 2, field: null, message: bilingual(`一次最多导入 ${maxRows} 行`, `at most ${maxRows} rows per file`) }] };
  const text = (r: Record<string, string>, k: string) => (r[k] ?? '').trim();
  const lines = records.map(({ record, info }) => ({
    line: info.lines,
    username: text(record, 'username'),
    nodeCode: text(record, 'node_code'),
    tier: text(record, 'tier'),
    startsOn: text(record, 'starts_on'),
    endsOn: text(record, 'ends_on'),
    note: text(record, 'note'),
  }));
  return { lines, bad: [] };
}

/**
 * Imports `username,node_code,tier,starts_on,ends_on[,note]` lines: every line is checked (the
 * same rules as one creation, plus overlaps within the file) and either all are inserted in one
 * transaction or none, with the list of bad lines and why. `dryRun` checks only.
 */
export async function importAssignments(ctx: AppContext, actor: Actor, input: { csv: string; dryRun: boolean }, lang: Lang) {
  const admin = requirePermission(actor, 'assignment:admin');
  const { lines, bad } = readLines(input.csv);
  const reject = (problems: BadLine[]) =>
    new AppError('UNPROCESSABLE', {
      detail: { zh: `${problems.length} 行有误，整个文件未导入`, en: `${problems.length} line(s) are wrong; nothing was imported` },
      extra: { lines: problems.map((p) => ({ line: p.line, field: p.field, message: p.message[lang] })) },
    });
  if (bad.length > 0) throw reject(bad);
  const now = ctx.clock.now();
  // Checked and written in one transaction, with the people concerned locked (stable order), so a
  // concurrent creation cannot slip in an overlap between the check and the insert.
  const created = await ctx.db.transaction((tx) => checkAndInsert(withDb(ctx, tx), admin, lines, input, now, reject));
  return { dryRun: input.dryRun, rows: lines.length, created };
}

async function checkAndInsert(txCtx: AppContext, admin: StaffActor, lines: Line[], input: { csv: string; dryRun: boolean }, now: Date, reject: (p: BadLine[]) => AppError): Promise<number> {
  const db = txCtx.db;
  const usernames = [...new Set(lines.map((l) => l.username).filter(Boolean))];
  for (let i = 0; i < usernames.length; i += 1000) {
    await db.select({ id: staff.id }).from(staff).where(inArray(staff.username, usernames.slice(i, i + 1000))).orderBy(staff.id).for('update');
  }
  const nodeCodes = [...new Set(lines.map((l) => l.nodeCode).filter(Boolean))];
  const nodes = nodeCodes.length
    ? await db
        .select({ id: territoryNodes.id, code: territoryNodes.code, level: territoryNodes.level, path: territoryNodes.path })
        .from(territoryNodes)
        .where(and(inArray(territoryNodes.code, nodeCodes), underActor(admin, territoryNodes.path)))
    : [];
  const nodeByCode = new Map(nodes.map((n) => [n.code, n]));
  const people = new Map((await staffFacts(db, { usernames })).map((f) => [f.username, f]));
  const existing = people.size
    ? await db
        .select({ staffId: assignments.staffId, nodeId: assignments.nodeId, tier: assignments.tier, startsOn: assignments.startsOn, endsOn: assignments.endsOn })
        .from(assignments)
        .where(inArray(assignments.staffId, [...people.values()].map((p) => p.id)))
    : [];
  const taken = new Map<string, Array<{ startsOn: string; endsOn: string | null; line?: number }>>();
  for (const e of existing) {
    const key = `${e.staffId}|${e.nodeId}|${e.tier}`;
    taken.set(key, [...(taken.get(key) ?? []), e]);
  }

  const problems: BadLine[] = [];
  const rows: Array<typeof assignments.$inferInsert> = [];
  for (const l of lines) {
    const fail = (field: string, zh: string, en: string) => problems.push({ line: l.line, field, message: bilingual(zh, en) });
    const person = people.get(l.username);
    const node = nodeByCode.get(l.nodeCode);
    const tier = tierByText.get(l.tier);
    const startsOk = isoDate.safeParse(l.startsOn).success;
    const endsOk = l.endsOn === '' || isoDate.safeParse(l.endsOn).success;
    if (!person) fail('username', `找不到用户名「${l.username}」`, `no staff account "${l.username}"`);
    if (!node || (node.level !== 'village' && node.level !== 'grid')) fail('node_code', `找不到村(社区)或网格「${l.nodeCode}」`, `no village or grid "${l.nodeCode}" under your nodes`);
    if (!tier) fail('tier', `层级「${l.tier}」无效`, `tier "${l.tier}" must be one of ${assignmentTiers.join(', ')}`);
    if (!startsOk) fail('starts_on', '开始日期应为 YYYY-MM-DD', 'starts_on must be a real date YYYY-MM-DD');
    if (!endsOk) fail('ends_on', '结束日期应为 YYYY-MM-DD 或留空', 'ends_on must be a real date YYYY-MM-DD or empty');
    const endsOn = l.endsOn === '' ? null : l.endsOn;
    if (startsOk && endsOk && endsOn !== null && endsOn < l.startsOn) fail('ends_on', '结束日期早于开始日期', 'ends_on is before starts_on');
    if (!person || !node || !tier || !startsOk || !endsOk) continue;
    const refusal = assignmentRefusal(person, node.path);
    if (refusal) {
      problems.push({ line: l.line, field: 'username', message: refusal });
      continue;
    }
    const key = `${person.id}|${node.id}|${tier}`;
    const clash = (taken.get(key) ?? []).find((t) => rangesOverlap(t.startsOn, t.endsOn, l.startsOn, endsOn));
    if (clash) {
      if (clash.line) fail('starts_on', `与第 ${clash.line} 行时间重叠`, `overlaps line ${clash.line}`);
      else fail('starts_on', '此人在该时间段内已以同一层级包联该地', 'this person already holds this node in this tier for an overlapping period');
      continue;
    }
    taken.set(key, [...(taken.get(key) ?? []), { startsOn: l.startsOn, endsOn, line: l.line }]);
    rows.push({ id: newId(), staffId: person.id, nodeId: node.id, tier, startsOn: l.startsOn, endsOn, note: l.note || null, createdAt: now, createdById: admin.id, updatedAt: now });
  }
  if (problems.length > 0) throw reject(problems.sort((a, b) => a.line - b.line));
  if (input.dryRun) return 0;
  for (let i = 0; i < rows.length; i += 500) await db.insert(assignments).values(rows.slice(i, i + 500));
  await emit(txCtx, 'assignments.changed', { nodeIds: [...new Set(rows.map((r) => r.nodeId))], at: now });
  const sha256 = createHash('sha256').update(input.csv).digest('hex');
  await recordAudit(db, admin, { action: 'assignment.import', entityType: 'assignment', data: { rows: rows.length, sha256 } }, now);
  return rows.length;
}
