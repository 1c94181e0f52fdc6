import { openSeededDatabase } from '../lib/seeded-database.js';
import { buildApp } from '../../server/src/app.js';
const seeded = await openSeededDatabase();
const { ctx } = seeded.opened;
const pgl = ctx.database.pglite! as any;
const log: string[] = [];
let on = false;
const wrap = (obj: any) => {
  const q = obj.query.bind(obj);
  obj.query = (s: string, ...r: unknown[]) => { if (on) log.push(String(s).replace(/\s+/g, ' ').slice(0, 160)); return q(s, ...r); };
  if (obj.transaction) {
    const t = obj.transaction.bind(obj);
    obj.transaction = (fn: any) => t((tx: any) => { if (on) log.push('BEGIN'); wrap(tx); return fn(tx); });
  }
};
wrap(pgl);
const app = await buildApp(ctx);
const g = ctx.grids.current.grids[10]!;
const ring = (g.geometry as any).coordinates[0];
let x = 0, y = 0; for (const [a, b] of ring) { x += a; y += b; } x /= ring.length; y /= ring.length;
const body = { channel: 'resident_app', description: '路灯不亮，晚上出行不便', demandType: 'help', location: { lat: y, lng: x } };
await app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
on = true;
const r = await app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
on = false;
console.log(r.statusCode, log.length, 'queries');
for (const l of log) console.log(' ', l);
await app.close(); await seeded.dispose();
