import { openSeededDatabase } from '../lib/seeded-database.js';
import { createCase } from '../../server/src/modules/cases/intake.service.js';
import { presentCaseDetail } from '../../server/src/modules/cases/case-view.js';
import { publicActor } from '../../server/src/modules/people/actor.js';
import { createCaseBody } from '../../server/src/modules/cases/cases.schema.js';
import { sql } from 'drizzle-orm';
const seeded = await openSeededDatabase();
const { ctx } = seeded.opened;
const g = ctx.grids.current.grids[10]!;
const ring = (g.geometry as any).type === 'Polygon' ? (g.geometry as any).coordinates[0] : (g.geometry as any).coordinates[0][0];
let x = 0, y = 0; for (const [a, b] of ring) { x += a; y += b; } x /= ring.length; y /= ring.length;
const input = createCaseBody.parse({ channel: 'resident_app', description: '路灯不亮，晚上出行不便', demandType: 'help', location: { lat: y, lng: x } });
const N = 200;
for (let i = 0; i < 20; i++) { const r = await createCase(ctx, publicActor, input); await presentCaseDetail(ctx, null, r.row, 'zh'); }
let tc = 0, tp = 0, tr = 0;
for (let i = 0; i < N; i++) {
  const a = performance.now();
  const r = await createCase(ctx, publicActor, input);
  const b = performance.now();
  await presentCaseDetail(ctx, null, r.row, 'zh');
  const c = performance.now();
  ctx.secrets.trackingCode(r.row.id);
  tr += performance.now() - c;
  tc += b - a; tp += c - b;
}
console.log('createCase ms', (tc / N).toFixed(2), 'presentCaseDetail ms', (tp / N).toFixed(2), 'trackingCode', (tr/N).toFixed(3));
// simple query timings
const q = async (label: string, f: () => Promise<unknown>) => { for (let i=0;i<20;i++) await f(); const t = performance.now(); for (let i = 0; i < N; i++) await f(); console.log(label.padEnd(40), ((performance.now() - t) / N).toFixed(3), 'ms'); };
await q('select 1', () => ctx.db.execute(sql`select 1`));
await q('insert bench row', () => ctx.db.execute(sql`insert into bench_x select 1`).catch(async () => { await ctx.db.execute(sql`create table bench_x (a int)`); }));
const id = g.id;
await q('node by id (summary)', () => ctx.db.execute(sql`select id, path, level from territory_nodes where id in (${id})`));
await q('node by id full row', () => ctx.db.execute(sql`select * from territory_nodes where id = ${id}`));
await q('empty tx', () => ctx.db.transaction(async (tx) => { await tx.execute(sql`select 1`); }));
const pgl = ctx.database.pglite!;
const plan = await pgl.query(`explain analyze select id, path, level from territory_nodes where id in ('${id}')`);
console.log(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n'));
const cnt = await pgl.query(`select count(*)::int n, pg_size_pretty(pg_total_relation_size('territory_nodes')) s from territory_nodes`);
console.log(cnt.rows);
await seeded.dispose();
