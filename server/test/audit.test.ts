import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/app.js';
import { openContext, type OpenedContext } from '../src/bootstrap.js';
import { commands } from '../src/cli/commands.js';
import { recordAudit } from '../src/platform/audit/audit.record.js';
import { sealAuditLog } from '../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { runDueJobs } from '../src/platform/jobs/worker.js';
import { actOk, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';
import { testConfig } from './test-config.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Runs a statement with triggers off, as a superuser tampering with the table would. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function auditRows(where: ReturnType<typeof sql>) {
  return t.rows(sql`select action, actor_kind, actor_id, entity_type, entity_id, data, seq from audit_log where ${where} order by id`);
}

async function runCli(name: string) {
  let text = '';
  const out = { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream;
  const code = await commands[name]!.run(t.ctx, { values: {}, positionals: [], out, readFile: () => '' });
  return { code, text };
}

describe('audit rows are written with each change', () => {
  it('intake writes case.create in the same statement, with references and no personal data', async () => {
    const created = await reportCase(t);
    const [row] = await auditRows(sql`entity_id = ${created.id}`);
    expect(row).toMatchObject({ action: 'case.create', actor_kind: 'public', actor_id: null, entity_type: 'case', seq: null });
    expect(row!['data']).toMatchObject({ number: created.number, channel: 'resident_app', categoryCode: '0105', toStatus: 'reported' });
    const text = JSON.stringify(row);
    expect(text).not.toContain('王秀英');
    expect(text).not.toContain('13800010137');
    expect(text).not.toContain('路灯坏了');
  });

  it('every lifecycle action writes case.<action> by its actor, in the same transaction', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    const rows = await auditRows(sql`entity_id = ${created.id}`);
    expect(rows.map((r) => r['action'])).toEqual(['case.create', 'case.accept']);
    const community = (await t.request('GET', '/api/v1/auth/me', { as: 'community' })).json();
    expect(rows[1]).toMatchObject({ actor_kind: 'staff', actor_id: community.id });
    expect(rows[1]!['data']).toMatchObject({ number: created.number, fromStatus: 'reported', toStatus: 'accepted', version: 2 });
    // A refused action (409) changes nothing, so it leaves no audit row either.
    const stale = await t.request('POST', `/api/v1/cases/${created.id}/actions/take`, { as: 'community', body: { version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(await auditRows(sql`entity_id = ${created.id}`)).toHaveLength(2);
  });

  it('a category edit records what changed, from and to', async () => {
    const before = (await t.request('GET', '/api/v1/categories?includeInactive=true')).json();
    const category = before.groups.flatMap((g: { categories: unknown[] }) => g.categories).find((c: { code: string }) => c.code === '0105');
    const res = await t.request('PATCH', '/api/v1/categories/0105', { as: 'admin', body: { version: category.version, resolveHours: category.resolveHours + 1 } });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(sql`action = 'category.update' and entity_id = '0105'`);
    expect(row!['data']).toEqual({ version: category.version + 1, changes: { resolveHours: { from: category.resolveHours, to: category.resolveHours + 1 } } });
  });

  it('a grid import records the grid codes it created and updated', async () => {
    const exported = (await t.request('GET', '/api/v1/grids/export?under=320305107205', { as: 'admin' })).json();
    const res = await t.request('POST', '/api/v1/grids/import', { as: 'admin', body: exported });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await auditRows(sql`action = 'grid.import'`);
    expect(row).toMatchObject({ entity_type: 'grid_import', actor_kind: 'staff' });
    expect((row!['data'] as { updated: string[] }).updated.sort()).toEqual(exported.features.map((f: { properties: { code: string } }) => f.properties.code).sort());
    // A dry run changes nothing and writes no audit row.
    await t.request('POST', '/api/v1/grids/import?dryRun=true', { as: 'admin', body: exported });
    expect(await auditRows(sql`action = 'grid.import'`)).toHaveLength(1);
  });

  it('a photo upload records its type and size, not its place', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const boundary = '----wanggeaudit';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/photos', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await auditRows(sql`entity_id = ${res.json().id}`);
    expect(row).toMatchObject({ action: 'photo.upload', entity_type: 'photo', actor_kind: 'public' });
    expect(Object.keys(row!['data'] as object).sort()).toEqual(['bytes', 'height', 'mimeType', 'width']);
  });
});

describe('sealing and verifying the chain', () => {
  it('the audit.seal job chains every row in order; verify answers OK with the head hash', async () => {
    const unsealed = Number((await t.rows(sql`select count(*)::int as n from audit_log where seq is null`))[0]!['n']);
    expect(unsealed).toBeGreaterThan(0);
    // Only the sealer: other modules' due jobs (notifications, sweeps, re-plans) would write rows after it.
    const run = await runDueJobs(t.ctx, jobDefinitions.filter((d) => d.kind === 'audit.seal'));
    expect(run.outcomes).toContainEqual(expect.objectContaining({ kind: 'audit.seal', outcome: 'done' }));

    const rows = await t.rows(sql`select seq, prev_hash, hash from audit_log order by seq`);
    expect(rows.every((r) => r['seq'] !== null)).toBe(true);
    rows.forEach((r, i) => {
      expect(Number(r['seq'])).toBe(i + 1);
      expect(r['prev_hash']).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!['hash']);
    });
    const verdict = await verifyAuditChain(t.ctx.db);
    expect(verdict).toMatchObject({ ok: true, checked: rows.length, headSeq: rows.length, headHash: rows.at(-1)!['hash'], unsealed: 0, problem: null });

    const cli = await runCli('audit:verify');
    expect(cli.code).toBe(0);
    expect(cli.text).toContain(`OK: ${rows.length} sealed row(s) verified, head #${rows.length} ${rows.at(-1)!['hash']}`);
  });

  it('rows written later extend the same chain; verify counts them as awaiting sealing until then', async () => {
    const before = await verifyAuditChain(t.ctx.db);
    await reportCase(t);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, checked: before.checked, unsealed: 1 });
    expect(await sealAuditLog(t.ctx)).toMatchObject({ sealed: 1, headSeq: before.checked + 1 });
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, checked: before.checked + 1, unsealed: 0 });
  });

  it('the trigger refuses UPDATE, DELETE, TRUNCATE and a second seal', async () => {
    const refused = async (statement: ReturnType<typeof sql>) => {
      const error = await t.ctx.db.execute(statement).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      expect(error, String(statement.queryChunks)).not.toBeNull();
      expect(`${error!.message} ${error!.cause?.message ?? ''}`).toContain('audit_log is append-only');
    };
    await refused(sql`update audit_log set data = '{}'::jsonb where seq = 1`);
    await refused(sql`update audit_log set seq = 999999, prev_hash = 'x', hash = 'y' where seq = 2`);
    await refused(sql`delete from audit_log where seq = 3`);
    await refused(sql`truncate audit_log`);
    await recordAudit(t.ctx.db, { kind: 'system', id: null }, { action: 'test.unsealed' });
    await refused(sql`update audit_log set action = 'test.changed' where action = 'test.unsealed'`);
    await refused(sql`update audit_log set seq = 999999 where action = 'test.unsealed'`);
    await sealAuditLog(t.ctx);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('verify finds an edited row, and the chain is whole again once it is put back', async () => {
    const [row] = await t.rows(sql`select id, data::text as data from audit_log where seq = 5`);
    await tamper(sql`update audit_log set data = jsonb_set(data, '{toStatus}', '"closed"') where seq = 5`);
    const verdict = await verifyAuditChain(t.ctx.db);
    expect(verdict).toMatchObject({ ok: false, checked: 4, problem: { kind: 'edited', seq: 5, id: row!['id'] } });
    expect(verdict.problem!.detail.en).toContain('changed after sealing');

    const cli = await runCli('audit:verify');
    expect(cli.code).toBe(1);
    expect(cli.text).toContain(`BROKEN at seq 5 (row ${String(row!['id'])}): edited`);

    const api = await t.request('GET', '/api/v1/audit/verify', { as: 'admin', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ ok: false, problem: { kind: 'edited', seq: 5 } });

    await tamper(sql`update audit_log set data = ${row!['data']}::jsonb where seq = 5`);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('verify finds two swapped rows as reordered', async () => {
    await tamper(sql`update audit_log set seq = -7 where seq = 7`);
    await tamper(sql`update audit_log set seq = 7 where seq = 8`);
    await tamper(sql`update audit_log set seq = 8 where seq = -7`);
    const verdict = await verifyAuditChain(t.ctx.db);
    expect(verdict).toMatchObject({ ok: false, checked: 6, problem: { kind: 'reordered', seq: 7 } });
    expect(verdict.problem!.detail.en).toBe('row 7 was chained after row 8: rows were reordered');

    await tamper(sql`update audit_log set seq = -7 where seq = 7`);
    await tamper(sql`update audit_log set seq = 7 where seq = 8`);
    await tamper(sql`update audit_log set seq = 8 where seq = -7`);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('verify finds a removed row', async () => {
    await tamper(sql`delete from audit_log where seq = 10`);
    const verdict = await verifyAuditChain(t.ctx.db);
    expect(verdict).toMatchObject({ ok: false, checked: 9, problem: { kind: 'removed', seq: 10, id: null } });
    expect(verdict.problem!.detail.en).toBe('row 10 missing (the next row is 11)');
    // Removed and the rest renumbered to hide the gap: the next row names a predecessor that is gone.
    await tamper(sql`update audit_log set seq = -seq where seq > 10`);
    await tamper(sql`update audit_log set seq = -seq - 1 where seq < 0`);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: false, checked: 9, problem: { kind: 'removed', seq: 10 } });
  });
});

describe('the audit API', () => {
  it('lists the trail newest first with filters and keyset pages, for administrators only', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    const byCase = (await t.request('GET', `/api/v1/audit?entityType=case&entityId=${created.id}`, { as: 'admin' })).json();
    expect(byCase.items.map((i: { action: string }) => i.action)).toEqual(['case.accept', 'case.create']);
    expect(byCase.items[0].actor).toMatchObject({ kind: 'staff', name: expect.any(String) });
    expect(byCase.items[1].actor).toEqual({ kind: 'public', id: null, name: null });
    // Entries about a staff account name it (a sign-in is recorded against the account).
    const logins = (await t.request('GET', '/api/v1/audit?action=auth.login&limit=5', { as: 'admin' })).json();
    expect(logins.items[0]).toMatchObject({ entityType: 'staff', entityName: expect.any(String) });
    expect(logins.items[0].entityName).toBe(logins.items[0].actor.name);

    const community = (await t.request('GET', '/api/v1/auth/me', { as: 'community' })).json();
    const accepts = (await t.request('GET', `/api/v1/audit?action=case.acc&actorId=${community.id}&limit=200`, { as: 'admin' })).json();
    expect(accepts.items.length).toBeGreaterThan(0);
    expect(accepts.items.every((i: { action: string; actor: { id: string } }) => i.action === 'case.accept' && i.actor.id === community.id)).toBe(true);

    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await t.request('GET', `/api/v1/audit?action=case.&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { as: 'admin' })
      ).json();
      for (const item of page.items) seen.add(item.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 500);
    const n = Number((await t.rows(sql`select count(*)::int as n from audit_log where action like 'case.%'`))[0]!['n']);
    expect(seen.size).toBe(n);

    const future = (await t.request('GET', '/api/v1/audit?from=2099-01-01T00:00:00Z', { as: 'admin' })).json();
    expect(future.items).toEqual([]);
    expect((await t.request('GET', '/api/v1/audit?from=yesterday', { as: 'admin' })).statusCode).toBe(400);
  });

  it('403 for staff without audit:read, 401 signed out', async () => {
    expect((await t.request('GET', '/api/v1/audit', { as: 'community' })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/audit/verify', { as: 'leader' })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/v1/audit')).statusCode).toBe(401);
  });
});

// Races only show on PostgreSQL: PGlite is one connection, so its sealers cannot overlap.
describe.runIf(process.env.TEST_DATABASE_URL)('two sealers at once (PostgreSQL)', () => {
  let other: OpenedContext;
  let pg: TestApp;
  beforeAll(async () => {
    pg = await createTestApp();
    other = await openContext(testConfig({ databaseUrl: pg.databaseUrl }), { migrate: false });
  });
  afterAll(async () => {
    await other?.close();
    await pg?.close();
  });

  it('two processes sealing concurrently, while rows keep arriving, produce one unbroken chain', async () => {
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 150; i++) await recordAudit(pg.ctx.db, { kind: 'system', id: null }, { action: 'test.race', data: { w, i } });
    });
    const sealers = [pg.ctx, other.ctx].map(async (ctx) => {
      let sealed = 0;
      for (let round = 0; round < 12; round++) sealed += (await sealAuditLog(ctx, { batchSize: 40 })).sealed;
      return sealed;
    });
    await Promise.all(writers);
    const sealedByEach = await Promise.all(sealers);
    await sealAuditLog(other.ctx);
    const verdict = await verifyAuditChain(pg.ctx.db);
    const n = Number((await pg.rows(sql`select count(*)::int as n from audit_log`))[0]!['n']);
    expect(verdict).toMatchObject({ ok: true, checked: n, headSeq: n, unsealed: 0 });
    expect(sealedByEach.every((s) => s > 0)).toBe(true);
    const dup = Number((await pg.rows(sql`select count(*)::int as dup from (select prev_hash from audit_log group by prev_hash having count(*) > 1) d`))[0]!['dup']);
    expect(dup).toBe(0);
  });

  it('two workers running due jobs at once seal through one claim of audit.seal at a time', async () => {
    for (let i = 0; i < 50; i++) await recordAudit(pg.ctx.db, { kind: 'system', id: null }, { action: 'test.worker' });
    const [a, b] = await Promise.all([runDueJobs(pg.ctx, jobDefinitions), runDueJobs(other.ctx, jobDefinitions)]);
    const sealRuns = [...a.outcomes, ...b.outcomes].filter((o) => o.kind === 'audit.seal');
    expect(sealRuns).toHaveLength(1);
    await sealAuditLog(pg.ctx);
    expect(await verifyAuditChain(pg.ctx.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
