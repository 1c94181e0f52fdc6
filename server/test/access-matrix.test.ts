import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { operations, type Fixture, type Operation } from './access-matrix.js';
import { dispatchedOperations } from './access-matrix-dispatched.js';
import { classificationFixture } from './access-matrix-classification.js';
import { gridId, pointInGrid, reportCase } from './factories.js';
import { notificationFixture } from './notifications-fixture.js';
import { createTestApp, type TestApp } from './test-app.js';
import { visitMatrixFixture } from './visit-fixtures.js';
import { demoPassword } from './test-config.js';

/** Every demo login, from the county admin to `community2` (another town: the out-of-scope probe). */
const staffUsers = ['admin', 'leader', 'center', 'community', 'community2', 'grid-worker', 'cadre', 'department'] as const;
type Caller = (typeof staffUsers)[number] | 'nobody';
const callers: Caller[] = ['nobody', ...staffUsers];

interface Me {
  permissions: string[];
  nodes: Array<{ code: string; path: string }>;
  /** Holds (by unit or in person) a case located in the fixture village. */
  holdsCaseInVillage: boolean;
}

let t: TestApp;
let f: Fixture;
/** The case-scoped entries again, on a case located at the village and dispatched down to the grid. */
const dispatched = dispatchedOperations(operations);
/** Every probed entry by name (the method is the name's first word). */
const probed: Array<[string, Operation]> = [...Object.entries(operations), ...dispatched];
const me = new Map<string, Me>();
const reporterPhone = '13912345678';
const reporterName = '矩阵测试人';
/** Every body a signed-in caller received, to look for personal data afterwards. */
const bodiesSeen: Array<{ caller: Caller; op: string; body: string }> = [];

async function uploadPhoto(as?: string): Promise<{ id: string; uploadToken: string }> {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();
  const boundary = '----matrix' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  if (as) headers['authorization'] = `Bearer ${await t.login(as)}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/photos', payload, headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A cheap fingerprint of everything a request could change (sessions, audit rows and jobs excepted). */
async function fingerprint(): Promise<string> {
  const tables = await t.rows(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('sessions', 'audit_log', 'jobs', '__drizzle_migrations')
      and table_name not like 'bench_%'
    order by table_name`);
  const parts: string[] = [];
  for (const { name } of tables as Array<{ name: string }>) {
    const columns = (await t.rows(sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${name}`)).map((r) => r.c as string);
    const extra = [columns.includes('version') ? 'sum(version)' : null, columns.includes('updated_at') ? 'max(updated_at)::text' : null].filter(Boolean).join(', ');
    const [row] = await t.rows(sql.raw(`select count(*)::text as n${extra ? `, concat_ws('/', ${extra}) as x` : ''} from "${name}"`));
    parts.push(`${name}:${row!.n}:${row!.x ?? ''}`);
  }
  return parts.join(' ');
}

function covers(caller: Caller, op: Operation): boolean {
  if (op.scope === 'none' || caller === 'nobody') return true;
  const nodes = me.get(caller)!.nodes;
  if (op.scope === 'case') return nodes.some((n) => f.casePath.startsWith(n.path));
  if (op.scope === 'within') return nodes.some((n) => f.villagePath.startsWith(n.path));
  if (op.scope === 'place' && me.get(caller)!.holdsCaseInVillage) return true;
  return nodes.some((n) => f.villagePath.startsWith(n.path) || n.path.startsWith(f.villagePath));
}

/** What the matrix promises for a caller: 401 without sign-in, 403 without the permission, 404 out of scope. */
function expected(op: Operation, caller: Caller): 'ok' | 401 | 403 | 404 {
  if (op.access === 'public') return 'ok';
  if (caller === 'nobody' || op.access === 'resident') return 401;
  if (op.access !== 'signed-in' && !me.get(caller)!.permissions.includes(op.access)) return 403;
  if (!covers(caller, op)) return 404;
  return 'ok';
}

/** Who probes an operation with bad input: the county admin, or the first demo role that holds its permission. */
function prober(op: Operation): Caller {
  if (op.access === 'public' || op.access === 'signed-in' || me.get('admin')!.permissions.includes(op.access)) return 'admin';
  return staffUsers.find((u) => me.get(u)!.permissions.includes(op.access) && covers(u, op)) ?? 'admin';
}

async function caseVersion(op: Operation): Promise<number> {
  const [row] = await t.rows(sql`select version from cases where id = ${op.versionOf?.(f) ?? f.caseId}`);
  return Number(row!.version);
}

async function call(op: Operation, caller: Caller, overrides: { path?: string; payload?: string | Buffer; contentType?: string } = {}): Promise<LightMyRequestResponse> {
  const [method] = probed.find(([, o]) => o === op)![0].split(' ');
  const headers: Record<string, string> = {};
  let session: { id: string } | undefined;
  if (caller !== 'nobody') {
    const token = op.ownSession ? await freshLogin(caller) : await t.login(caller);
    headers['authorization'] = `Bearer ${token}`;
    if (op.ownSession) session = await currentSession(token);
  }
  let payload: string | Buffer | undefined = overrides.payload;
  if (payload === undefined && op.body) payload = JSON.stringify(op.body(f, await caseVersion(op)));
  if (payload !== undefined) headers['content-type'] = overrides.contentType ?? 'application/json';
  return t.app.inject({ method: method as 'GET', url: overrides.path ?? op.path(f, session, caller), headers, ...(payload !== undefined ? { payload } : {}) });
}

/** The session behind a token (its id, for the routes that sign one session out). */
async function currentSession(token: string): Promise<{ id: string } | undefined> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { authorization: `Bearer ${token}` } });
  return res.statusCode === 200 ? res.json().items.find((s: { isCurrent: boolean }) => s.isCurrent) : undefined;
}

/** A sign-in of its own, for operations that end the caller's sessions. */
async function freshLogin(username: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: demoPassword } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  return res.json().token;
}

function expectProblem(res: LightMyRequestResponse, context: string) {
  expect(res.headers['content-type'], `${context}: ${res.body.slice(0, 300)}`).toContain('application/problem+json');
  const problem = res.json();
  expect(typeof problem.title, context).toBe('string');
  expect(problem.status, context).toBe(res.statusCode);
}

/** A household in the fixture grid, written directly (its registry's own API is probed by its entries). */
async function fixtureHousehold(householdGridId: string, gridPath: string): Promise<string> {
  const id = '0190a000-0000-7000-8000-0000000c0001';
  await t.rows(sql`insert into households (id, grid_id, territory_path, address, dedupe_key) values (${id}, ${householdGridId}, ${gridPath}, '矩阵测试地址 1 号', 'matrix-fixture-household')`);
  return id;
}

/** A validated household file uploaded by `community` (its import routes are probed by their entries). */
async function fixtureHouseholdImport(gridCode: string): Promise<string> {
  const boundary = '----matrixhh';
  const file = `网格编码,地址,姓名\r\n${gridCode},矩阵导入路 1 号,矩阵导入人\r\n`;
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`);
  const token = await t.login('community');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/household-imports', payload, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  if (res.statusCode !== 201) throw new Error(`household import: ${res.body}`);
  const id = res.json().id;
  const validated = await t.request('POST', `/api/v1/household-imports/${id}/validate`, { as: 'community', body: { mapping: { grid: 0, address: 1, name: 2 } } });
  if (validated.json().status !== 'valid') throw new Error(`household import: ${validated.body}`);
  return id;
}

/** A supervision notice on the fixture case, addressed to `community` (its API is probed by its entries). */
async function fixtureNotice(caseId: string): Promise<string> {
  const id = '0190a000-0000-7000-8000-0000000d0001';
  const [community] = await t.rows(sql`select id from staff where username = 'community'`);
  await t.rows(sql`insert into supervision_notices (id, number, case_id, kind, issued_at, addressed_to, via, level, note, created_at)
    values (${id}, 'DB-000000-20260101-0001', ${caseId}, 'manual', now(), ${JSON.stringify([community!['id']])}::jsonb, 'manual', 'grid', '矩阵测试', now())`);
  return id;
}

/** A hotline call entered by `community` with an address only (located at the village), with a photo, dispatched to the grid. */
async function fixtureDispatchedCase(villageCode: string, toGridId: string) {
  // Only the uploader may attach a photo: community uploads it under its own sign-in.
  const dispatchedPhotoId = (await uploadPhoto('community')).id;
  const created = await t.request('POST', '/api/v1/cases', {
    as: 'community',
    body: { channel: 'hotline', description: '矩阵测试：热线来电，门口污水外溢', demandType: 'complaint', location: { address: '江庄镇江庄村东组 12 号' }, reporter: { name: reporterName, phone: reporterPhone }, photoIds: [dispatchedPhotoId] },
  });
  if (created.statusCode !== 201) throw new Error(`hotline case: ${created.body}`);
  const id = created.json().id as string;
  const [row] = await t.rows(sql`select n.code from cases c join territory_nodes n on n.id = c.territory_node_id where c.id = ${id}`);
  if (row!.code !== villageCode) throw new Error(`the hotline case is located at ${String(row!.code)}, not the fixture village`);
  for (const [action, body] of [['accept', {}], ['dispatch', { target: { kind: 'grid', id: toGridId } }]] as const) {
    const [current] = await t.rows(sql`select version from cases where id = ${id}`);
    const res = await t.request('POST', `/api/v1/cases/${id}/actions/${action}`, { as: 'community', body: { version: Number(current!.version), ...body } });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
  }
  return { dispatchedCaseId: id, dispatchedPhotoId };
}

/** Whether the user holds (by unit or in person) a case located under the path. */
async function holdsCaseUnder(username: string, path: string): Promise<boolean> {
  const rows = await t.rows(sql`select 1 from cases c join staff s on s.username = ${username}
    where c.territory_path like ${path + '%'} and (c.assignee_user_id = s.id or c.assignee_unit_id = s.unit_id) limit 1`);
  return rows.length > 0;
}

/** The seeded assignment on the fixture grid, the fixture town and one of its seeded duty shifts, the demo cadre. */
async function assignmentFixture(fixtureGridId: string, villagePath: string) {
  const townPath = villagePath.split('/').slice(0, 3).join('/') + '/';
  const [town] = await t.rows(sql`select id, code from territory_nodes where path = ${townPath}`);
  const [assignment] = await t.rows(sql`select id from assignments where node_id = ${fixtureGridId} and ends_on is null order by id limit 1`);
  const [shift] = await t.rows(sql`select id from duty_shifts where town_node_id = ${town!.id} and cancelled_at is null order by starts_at limit 1`);
  const [cadre] = await t.rows(sql`select id from staff where username = 'cadre'`);
  return { assignmentId: String(assignment!.id), townCode: String(town!.code), dutyShiftId: String(shift!.id), cadreId: String(cadre!.id) };
}

beforeAll(async () => {
  t = await createTestApp();
  const { id: photoId, uploadToken } = await uploadPhoto();
  const created = await reportCase(t, { reporter: { name: reporterName, phone: reporterPhone }, photoIds: [photoId] }, { headers: { 'x-upload-token': uploadToken } });
  const other = await reportCase(t, { reporter: { name: reporterName, phone: reporterPhone } });
  const point = pointInGrid(t);
  const [row] = await t.rows(sql`select c.territory_path as path, v.code as village_code, v.path as village_path
    from cases c join territory_nodes g on g.id = c.grid_id join territory_nodes v on v.id = g.parent_id where c.id = ${created.id}`);
  f = {
    caseId: created.id,
    caseNumber: created.number,
    trackingCode: created.trackingCode,
    photoId,
    otherCaseId: other.id,
    gridId: gridId(t),
    gridCode: point.gridCode,
    villageCode: String(row!.village_code),
    casePath: String(row!.path),
    villagePath: String(row!.village_path),
    apiKeyId: '',
    staffId: String((await t.rows(sql`select id from staff where username like 'gw-%' and username <> ${'gw-' + point.gridCode} order by username limit 1`))[0]!.id),
    unitId: String((await t.rows(sql`select id from units where code = 'JW-CG'`))[0]!.id),
    noticeId: await fixtureNotice(created.id),
    villageId: '',
    visitHouseholdId: '',
    visitId: '',
    householdId: await fixtureHousehold(gridId(t), String(row!.path)),
    householdMemberId: '0190a000-0000-7000-8000-0000000c0002',
    householdImportId: '',
    ...(await notificationFixture(t, created.id, String(row!.village_code), staffUsers)),
    ...(await assignmentFixture(gridId(t), String(row!.village_path))),
    dispatchedCaseId: '',
    dispatchedPhotoId: '',
    ...(await classificationFixture(t)),
  };
  Object.assign(f, await fixtureDispatchedCase(f.villageCode, f.gridId));
  await t.rows(sql`insert into household_members (id, household_id, relation, phone_encrypted, phone_hash) values (${f.householdMemberId}, ${f.householdId}, 'head', ${t.ctx.secrets.encrypt(reporterPhone)}, ${t.ctx.secrets.lookupHash(reporterPhone)})`);
  f.householdImportId = await fixtureHouseholdImport(point.gridCode);
  const key = await t.request('POST', '/api/v1/api-keys', { as: 'admin', body: { name: '矩阵测试夹具', permissions: ['case:read'], nodeCodes: [f.villageCode] } });
  if (key.statusCode !== 201) throw new Error(`api key: ${key.body}`);
  f.apiKeyId = key.json().id;
  Object.assign(f, await visitMatrixFixture(t, f.gridId, f.casePath, f.villageCode));
  for (const user of staffUsers) {
    const res = await t.request('GET', '/api/v1/auth/me', { as: user });
    if (res.statusCode !== 200) throw new Error(`me ${user}: ${res.body}`);
    const body = res.json();
    const paths = await t.rows(sql`select code, path from territory_nodes where code in ${body.nodes.length ? sql`(${sql.join(body.nodes.map((n: { code: string }) => sql`${n.code}`), sql`, `)})` : sql`('')`}`);
    me.set(user, { permissions: body.permissions, nodes: paths.map((p) => ({ code: String(p.code), path: String(p.path) })), holdsCaseInVillage: await holdsCaseUnder(user, f.villagePath) });
  }
});
afterAll(async () => t?.close());

describe('the matrix covers the API', () => {
  it('lists every operation of the OpenAPI document, and nothing that is not there', async () => {
    const document = (await t.request('GET', '/api/openapi.json')).json();
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    const undocumented = new Set(['GET /api/openapi.json', 'GET /healthz']);
    expect(documented.filter((op) => !operations[op]), 'operations missing from test/access-matrix.ts').toEqual([]);
    expect(Object.keys(operations).filter((op) => !documented.includes(op) && !undocumented.has(op)), 'matrix entries with no such operation').toEqual([]);
  });
});

/** Calls the operation as every demo role and as nobody, checking each answer against `expected`. */
async function probeEveryRole(name: string, op: Operation) {
  for (const caller of callers) {
    const want = expected(op, caller);
    const before = op.writes && want !== 'ok' ? await fingerprint() : undefined;
    const res = await call(op, caller);
    const context = `${name} as ${caller}: ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, context).toBeLessThan(500);
    if (want === 'ok') {
      expect([401, 404], context).not.toContain(res.statusCode);
      if (!op.policy && op.access !== 'public') expect(res.statusCode, context).not.toBe(403);
    } else {
      expect(res.statusCode, context).toBe(want);
      expectProblem(res, context);
    }
    if (before !== undefined) expect(await fingerprint(), `${context} changed data`).toBe(before);
    if (caller !== 'nobody' && !op.raw) bodiesSeen.push({ caller, op: name, body: res.body });
  }
}

// Before the main entries: their last one signs every caller out everywhere.
describe.each(dispatched)('%s', (name, op) => {
  it('answers every role as for a case located in the grid: the grid worker it was dispatched to included', async () => {
    await probeEveryRole(name, op);
  });
});

describe.each(Object.entries(operations))('%s', (name, op) => {
  it('answers every role as the matrix says: 401 signed out, 403 without the permission, 404 out of scope', async () => {
    await probeEveryRole(name, op);
  });

  if ((op.scope !== 'none' || /\{(id|photoId|number)\}/.test(name)) && op.access !== 'resident') {
    it('answers 404 problem+json for guessed or malformed ids', async () => {
      const guessedPath = op
        .path(f)
        .replace(f.caseId, '0190a000-0000-7000-8000-000000000001')
        .replace(f.photoId, '0190a000-0000-7000-8000-000000000002')
        .replace(f.caseNumber, '320305-20200101-0001')
        .replace(f.villageCode, '320305999999');
      for (const path of [guessedPath, op.path(f).replace(f.caseId, '12345').replace(f.photoId, 'abc')]) {
        const res = await call(op, prober(op), { path });
        const context = `${name} ${path}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (path === op.path(f)) continue;
        expect([400, 404], context).toContain(res.statusCode);
        expectProblem(res, context);
      }
    });
  }

  it('survives injection-shaped strings in the path and the query without a 5xx or a change', async () => {
    const probes = [`1' OR '1'='1`, `'; drop table cases; --`, `%' union select * from staff --`, `${'\u0000'}`];
    const before = await fingerprint();
    for (const probe of probes) {
      const encoded = encodeURIComponent(probe);
      const path = op.path(f);
      const [base, query] = path.split('?');
      const paths = [
        base!.replace(f.caseId, encoded).replace(f.villageCode, encoded).replace(f.caseNumber, encoded) + (query ? `?${query}` : ''),
        `${base}?${query ? `${query}&` : ''}q=${encoded}&status=${encoded}&under=${encoded}&code=${encoded}&limit=${encoded}&cursor=${encoded}`,
      ];
      for (const p of paths) {
        const res = await call(op, prober(op), { path: p, payload: op.body && !op.writes ? undefined : op.body ? JSON.stringify({ probe }) : undefined });
        const context = `${name} ${p}: ${res.statusCode} ${res.body.slice(0, 200)}`;
        expect(res.statusCode, context).toBeLessThan(500);
        if (res.statusCode >= 400) expectProblem(res, context);
      }
    }
    const after = await fingerprint();
    if (!op.writes) expect(after, `${name} changed data`).toBe(before);
  });

  if (op.body && !op.raw) {
    it('answers malformed JSON with 400 and an oversized body with 413, both problem+json', async () => {
      const broken = await call(op, prober(op), { payload: '{"description": "没写完' });
      expect(broken.statusCode, broken.body).toBe(400);
      expectProblem(broken, `${name} malformed`);
      if (name === 'POST /api/v1/grids/import') return; // accepts 50 MB of GeoJSON by design
      const huge = await call(op, prober(op), { payload: JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024) }) });
      expect(huge.statusCode, huge.body.slice(0, 200)).toBe(413);
      expectProblem(huge, `${name} oversized`);
    });
  }
});

describe('personal data', () => {
  it('never reaches any role unmasked in any answer (revealing is a separate, logged action)', () => {
    expect(bodiesSeen.length).toBeGreaterThan(100);
    const leaks = bodiesSeen.filter((b) => !probed.find(([n]) => n === b.op)?.[1].revealsPersonalData && (b.body.includes(reporterPhone) || b.body.includes(reporterName)));
    expect(leaks.map((l) => `${l.op} as ${l.caller}`)).toEqual([]);
  });

  it('is not stored in clear text', async () => {
    const dump = JSON.stringify(await t.rows(sql`select * from reporters`));
    expect(dump).not.toContain(reporterPhone);
    expect(dump).not.toContain(reporterName);
  });
});
