import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { pathCodes } from '../../platform/territory-path.js';
import { issuingOffice } from '../cases/index.js';
import { categories } from '../categories/categories.tables.js';
import { cases } from '../cases/cases.tables.js';
import { territoryNodes } from '../territory/territory.tables.js';
import type { NoticeView } from './supervision.schema.js';

const kindTitles: Record<NoticeView['kind'], string> = {
  respond_overdue: '超时未受理',
  resolve_overdue: '超时未办结',
  checkin_overdue: '吹哨报到超时',
  manual: '领导督办',
};
const levelNames: Record<string, string> = { grid: '网格', village: '村(社区)', town: '镇(街道)', department: '部门' };
const escalationTexts: Record<string, string> = {
  escalated: '已按时限策略自动上提',
  no_unit: '未自动上提(未设默认承办部门)',
  top_level: '未自动上提(已在部门层级)',
  not_escalatable: '未自动上提',
};

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `2026年11月22日 14:05` in Shanghai time. */
function shanghai(iso: string | null, withTime = true): string {
  if (!iso) return '—';
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  }).format(new Date(iso));
  return parts;
}

function duration(minutes: number): string {
  if (minutes <= 0) return '—';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m || (!d && !h) ? `${m}分钟` : ''].join('');
}

/** The case facts printed on the notice: category name and place (town › village › grid), no personal data. */
async function caseFacts(db: Database, caseId: string) {
  const [row] = await db
    .select({ address: cases.address, path: cases.territoryPath, category: categories.nameZh, description: cases.description })
    .from(cases)
    .leftJoin(categories, eq(categories.code, cases.categoryCode))
    .where(eq(cases.id, caseId));
  const codes = row ? pathCodes(row.path).slice(1) : [];
  const nodes = codes.length ? await db.select({ code: territoryNodes.code, name: territoryNodes.name }).from(territoryNodes).where(inArray(territoryNodes.code, codes)) : [];
  const byCode = new Map(nodes.map((n) => [n.code, n.name]));
  return { category: row?.category ?? '未分类', place: codes.map((c) => byCode.get(c) ?? c).join(' › '), address: row?.address ?? null, path: row?.path ?? '' };
}

/**
 * The printable A4 page of a notice (红头 督办单), Chinese, with its own print CSS. Its header names the
 * office of the issuer's territory, as the case's 交办单 does (cases/issuing-office.ts).
 */
export async function renderNoticePrint(db: Database, notice: NoticeView): Promise<string> {
  const facts = await caseFacts(db, notice.caseId);
  const issuerOrg = (await issuingOffice(db, facts.path, notice.issuedBy?.id ?? null)).zh;
  const rows: Array<[string, string]> = [
    ['督办事由', kindTitles[notice.kind]],
    ['案件编号', notice.caseNumber],
    ['事项类别', facts.category],
    ['发生地点', [facts.place, facts.address].filter(Boolean).join(' / ') || '—'],
    ['当前层级', levelNames[notice.level] ?? notice.level],
    [notice.kind === 'manual' ? '回复期限' : '办理时限', shanghai(notice.dueAt)],
    ...(notice.kind === 'manual' ? [] : ([['超时时长', duration(notice.overdueMinutes)]] as Array<[string, string]>)),
    ['督办对象', notice.addressees.map((a) => a.name).join('、') || '—'],
    ...(notice.autoEscalation ? ([['自动上提', escalationTexts[notice.autoEscalation] + (notice.escalatedToLevel ? `至${levelNames[notice.escalatedToLevel] ?? ''}` : '')]] as Array<[string, string]>) : []),
  ];
  const body = notice.note ?? (notice.kind === 'manual' ? '' : `该案件已超过${notice.kind === 'respond_overdue' ? '受理' : '办结'}时限，请接到本督办单后立即督促承办人员办理，并于 24 小时内反馈办理情况。`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>督办单 ${esc(notice.number)}</title>
<style>
  @page { size: A4; margin: 20mm 18mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #000; margin: 0; background: #f3f3f3; }
  .sheet { width: 210mm; min-height: 297mm; margin: 12px auto; padding: 20mm 18mm; background: #fff; box-shadow: 0 0 6px rgba(0,0,0,.2); }
  .org { text-align: center; color: #c00; font-size: 26pt; font-weight: bold; letter-spacing: 4pt; }
  .title { text-align: center; color: #c00; font-size: 34pt; font-weight: bold; letter-spacing: 16pt; margin: 6mm 0 2mm; }
  .no { text-align: center; font-size: 12pt; margin-bottom: 3mm; }
  .rule { border: 0; border-top: 2.5pt solid #c00; margin: 0 0 8mm; }
  table { width: 100%; border-collapse: collapse; font-size: 13pt; }
  th, td { border: 1px solid #000; padding: 3mm 4mm; vertical-align: top; text-align: left; }
  th { width: 30mm; font-weight: normal; background: #fafafa; white-space: nowrap; }
  .body { min-height: 40mm; }
  .sign { display: flex; justify-content: space-between; margin-top: 14mm; font-size: 13pt; }
  .sign div { width: 46%; line-height: 2.4; }
  .line { display: inline-block; border-bottom: 1px solid #000; width: 45mm; }
  .toolbar { text-align: center; margin: 8px; font-family: sans-serif; }
  @media print { body { background: #fff; } .sheet { margin: 0; box-shadow: none; padding: 0; width: auto; min-height: auto; } .toolbar { display: none; } }
</style></head>
<body>
<div class="toolbar"><button onclick="window.print()">打印</button></div>
<div class="sheet">
  <div class="org">${esc(issuerOrg)}</div>
  <div class="title">督办单</div>
  <div class="no">${esc(notice.number)}</div>
  <hr class="rule">
  <table>
${rows.map(([k, v]) => `    <tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}
    <tr><th>督办意见</th><td class="body">${esc(body)}</td></tr>
    <tr><th>办理反馈</th><td class="body">${esc(notice.reply ?? '')}</td></tr>
  </table>
  <div class="sign">
    <div>督办单位：${esc(notice.issuedBy ? notice.issuedBy.name : '系统(时限督办)')}<br>签发日期：${esc(shanghai(notice.issuedAt, false))}<br>签发人：<span class="line"></span></div>
    <div>签收人：<span class="line"></span><br>签收日期：${esc(notice.acknowledgedAt ? shanghai(notice.acknowledgedAt, false) : '')}<span class="line" style="width:${notice.acknowledgedAt ? '10mm' : '45mm'}"></span><br>（盖章）</div>
  </div>
</div>
</body></html>`;
}
