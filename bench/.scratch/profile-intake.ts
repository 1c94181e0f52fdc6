import { buildApp } from '../../server/src/app.js';
import { openSeededDatabase } from '../lib/seeded-database.js';
const seeded = await openSeededDatabase();
const { ctx } = seeded.opened;
console.log('seeded', seeded.seedMs);
const pgl = ctx.database.pglite;
const times = new Map<string, { n: number; ms: number }>();
if (pgl) {
  for (const m of ['query', 'exec'] as const) {
    const orig = (pgl as any)[m].bind(pgl);
    (pgl as any)[m] = async (q: string, ...rest: unknown[]) => {
      const t = performance.now();
      try { return await orig(q, ...rest); } finally {
        const k = String(q).replace(/\s+/g, ' ').slice(0, 140);
        const e = times.get(k) ?? { n: 0, ms: 0 }; e.n++; e.ms += performance.now() - t; times.set(k, e);
      }
    };
  }
}
const app = await buildApp(ctx);
await app.ready();
const g = ctx.grids.current.grids[10]!;
const ring = (g.geometry as any).type === 'Polygon' ? (g.geometry as any).coordinates[0] : (g.geometry as any).coordinates[0][0];
// centroid of ring
let x = 0, y = 0; for (const [a, b] of ring) { x += a; y += b; } x /= ring.length; y /= ring.length;
const body = { channel: 'resident_app', description: '路灯不亮，晚上出行不便', demandType: 'help', location: { lat: y, lng: x } };
for (let i = 0; i < 20; i++) await app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
times.clear();
const N = 100;
const t = performance.now();
for (let i = 0; i < N; i++) {
  const r = await app.inject({ method: 'POST', url: '/api/v1/cases', payload: body });
  if (r.statusCode !== 201) { console.log(r.statusCode, r.body); break; }
}
console.log('per intake ms', (performance.now() - t) / N);
const sorted = [...times.entries()].sort((a, b) => b[1].ms - a[1].ms);
for (const [k, v] of sorted.slice(0, 25)) console.log((v.ms / N).toFixed(2).padStart(7), 'ms/intake', String(v.n / N).padStart(4), 'x', k);
await app.close();
await seeded.dispose();
