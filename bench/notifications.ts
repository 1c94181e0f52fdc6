/**
 * Notifications: webhook deliveries per second to a local receiver, beside raw HTTP POSTs per second
 * from a loop to the same receiver (the ceiling: what the network stack and receiver allow); and the
 * latency from a transition (a dispatch through the API) to its in-app notification on the SSE stream.
 *
 *   npm run -w bench notifications                                 # PGlite in a temp folder
 *   bash scripts/with-postgres.sh npm run -w bench notifications   # PostgreSQL (DATABASE_URL)
 *   npm run -w bench notifications -- --events 2000 --samples 50 --concurrency 4
 *
 * Deliveries run through the real job worker (`startJobWorker`, as `npm start` runs it): each is a job
 * that loads the delivery, signs the body, POSTs it and records the attempt. Figures, not pass/fail;
 * exits non-zero if a delivery or a notification goes missing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { buildApp, jobDefinitions } from '../server/src/app.js';
import { fanOutJob } from '../server/src/modules/notifications/fan-out.job.js';
import { notify } from '../server/src/modules/notifications/notify.js';
import { newId } from '../server/src/platform/ids.js';
import { runDueJobs, startJobWorker } from '../server/src/platform/jobs/worker.js';
import { openSeededDatabase } from './lib/seeded-database.js';
import { fmt, loadAverage, machine, table, warnIfBusy } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '5' },
  },
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  await warnIfBusy();
  const events = Number(args.events);
  const concurrency = Number(args.concurrency);
  const seeded = await openSeededDatabase();
  const { ctx } = seeded.opened;
  Object.assign(ctx.config, { webhookAllowPrivate: true });
  console.log(`Notifications — ${machine()}\ndatabase: ${seeded.where}`);
  await runDueJobs(ctx, jobDefinitions); // the demo seed's own notifications

  // --- the receiver, and the baseline: raw POSTs from `concurrency` loops ------------------------
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const body = JSON.stringify({ id: newId(), type: 'case.urged', occurredAt: new Date().toISOString(), case: { number: '320305-20261122-0001' }, data: {} });
  const until = performance.now() + Number(args.seconds) * 1000;
  let raw = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await r.arrayBuffer();
        raw += 1;
      }
    }),
  );
  const rawPerSecond = raw / Number(args.seconds);

  // --- webhook deliveries through the job worker ----------------------------------------------------
  const one = async (query: ReturnType<typeof sql>) => ((await ctx.db.execute(query)) as unknown as { rows: Array<Record<string, unknown>> }).rows[0]!;
  const admin = { id: String((await one(sql`select id from staff where username = 'admin'`))['id']) };
  const county = { id: String((await one(sql`select id from territory_nodes where level = 'county'`))['id']) };
  const aCase = { id: String((await one(sql`select id from cases order by id limit 1`))['id']) };
  await ctx.db.execute(sql`insert into webhook_subscriptions (id, name, url, secret_encrypted, event_types, node_ids, created_by_id, created_at, updated_at)
    values (${newId()}, 'bench', ${url}, ${ctx.secrets.encrypt('whsec_bench')}, array['case.urged'], array[${county.id}]::uuid[], ${admin.id}, now(), now())`);
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < events; i++) await notify(tx, { type: 'case.urged', caseId: aCase.id, to: [], at: new Date(), data: { bench: i } });
  });
  const fanStarted = performance.now();
  await runDueJobs(ctx, [fanOutJob], { maxJobs: events + 10 });
  const fanSeconds = (performance.now() - fanStarted) / 1000;
  received = 0;
  const deliverStarted = performance.now();
  const worker = await startJobWorker(ctx, jobDefinitions, { concurrency, pollMs: 50 });
  const countDelivered = async () => Number((await one(sql`select count(*)::int as n from webhook_deliveries where status = 'delivered' and event_type = 'case.urged'`))['n']);
  let delivered = 0;
  while (delivered < events && performance.now() - deliverStarted < 600_000) {
    await new Promise((r) => setTimeout(r, 100));
    delivered = await countDelivered();
  }
  const deliverSeconds = (performance.now() - deliverStarted) / 1000;
  const deliveredPerSecond = delivered / deliverSeconds;

  // --- transition → SSE latency -------------------------------------------------------------------
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = async (username: string) =>
    ((await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: seeded.config.demoPassword }) })).json()) as { token: string }).token;
  const community = await login('community');
  const worker2 = await login('grid-worker');
  const call = async (method: string, path: string, token: string, payload?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: payload === undefined ? undefined : JSON.stringify(payload) });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<{ id: string; version: number }>;
  };
  const gridRow = ctx.grids.current.grids.find((g) => g.name === '江庄村第一网格')!;
  const samples = Number(args.samples);
  const prepared: Array<{ id: string; version: number }> = [];
  for (let i = 0; i < samples; i++) {
    const c = await call('POST', '/api/v1/cases', community, { channel: 'staff', description: `通知延迟测试 ${i}`, demandType: 'help', categoryCode: '0105', location: { gridCode: gridRow.code } });
    prepared.push(await call('POST', `/api/v1/cases/${c.id}/actions/accept`, community, { version: c.version }));
  }
  const stream = await fetch(`${base}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${worker2}` } });
  const reader = stream.body!.getReader();
  const arrivals = new Map<string, number>();
  let buffer = '';
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.includes('event: notification') ? /^data: (.*)$/m.exec(block)?.[1] : undefined;
        if (data) arrivals.set(String(JSON.parse(data).caseId), performance.now());
      }
    }
  })();
  const latencies: number[] = [];
  for (const c of prepared) {
    const started = performance.now();
    await call('POST', `/api/v1/cases/${c.id}/actions/dispatch`, community, { version: c.version, target: { kind: 'grid', id: gridRow.id } });
    while (!arrivals.has(c.id) && performance.now() - started < 30_000) await new Promise((r) => setTimeout(r, 2));
    if (!arrivals.has(c.id)) throw new Error(`no notification for ${c.id} within 30 s`);
    latencies.push(arrivals.get(c.id)! - started);
  }
  await reader.cancel();
  latencies.sort((a, b) => a - b);

  console.log(`\nWebhooks: ${fmt(events)} events fanned out in ${fmt(fanSeconds, 2)} s (${fmt(events / fanSeconds)} events/s), worker concurrency ${concurrency}`);
  console.log(
    table([
      ['', 'per second', 'ratio'],
      ['raw POST loop (baseline)', fmt(rawPerSecond), '1.00'],
      ['webhook deliveries (signed, logged, via jobs)', fmt(deliveredPerSecond), (deliveredPerSecond / rawPerSecond).toFixed(2)],
    ]),
  );
  console.log(`\nTransition → SSE (dispatch through the API until the notification arrives on the grid worker's stream), ${samples} samples:`);
  console.log(table([['p50 ms', 'p95 ms', 'max ms'], [fmt(percentile(latencies, 50)), fmt(percentile(latencies, 95)), fmt(latencies[latencies.length - 1]!)]]));
  console.log(`\n${loadAverage()}`);
  await worker.stop(5000);
  await app.close();
  receiver.close();
  await seeded.dispose();
  if (delivered < events || received < events) {
    console.error(`missing deliveries: ${delivered}/${events} recorded, ${received} received`);
    process.exitCode = 1;
  }
}

await main();
