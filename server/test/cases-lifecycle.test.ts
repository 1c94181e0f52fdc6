import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { act, actOk, getCase, gridId, reportCase } from './factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('a resident report travels the whole loop', () => {
  it('reported → accepted → dispatched to the grid → taken → handled → verified and closed, visible on the public tracking page', async () => {
    const created = await reportCase(t);
    expect(created.number).toMatch(/^320305-\d{8}-\d{4}$/);
    expect(created.status).toBe('reported');
    expect(created.grid.name).toBe('江庄村第一网格');
    expect(created.colour).toBe('green');
    expect(created.level).toBe('grid');
    expect(created.trackingCode).toMatch(/^[A-Z2-9]{8}$/);
    // Seeds' rule: a case solvable in the grid must be responded to within 15 minutes.
    expect(new Date(created.respondBy).getTime() - new Date(created.createdAt).getTime()).toBe(15 * 60_000);

    const accepted = await actOk(t, 'community', created.id, 'accept');
    expect(accepted.status).toBe('accepted');
    expect(accepted.resolveBy).not.toBeNull();
    const dispatchAction = accepted.allowedActions.find((a: { action: string }) => a.action === 'dispatch');
    expect(dispatchAction.targets.some((target: { kind: string; id: string }) => target.kind === 'grid' && target.id === gridId(t))).toBe(true);

    const dispatched = await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    expect(dispatched.status).toBe('dispatched');
    expect(dispatched.assignee).toMatchObject({ kind: 'node', name: '江庄村第一网格' });

    const worker = await getCase(t, 'grid-worker', created.id);
    expect(worker.json().allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['escalate', 'return', 'take', 'whistle']);
    const taken = await actOk(t, 'grid-worker', created.id, 'take');
    expect(taken.status).toBe('in_progress');
    expect(taken.assignee).toMatchObject({ kind: 'user' });
    // Text fields carry the body schema's limit, so the console caps its text areas alike.
    const handleInput = taken.allowedActions.find((a: { action: string }) => a.action === 'handle').input;
    expect(handleInput.find((f: { name: string }) => f.name === 'result')).toMatchObject({ type: 'text', maxLength: 10_000 });
    const escalateInput = taken.allowedActions.find((a: { action: string }) => a.action === 'escalate').input;
    expect(escalateInput.find((f: { name: string }) => f.name === 'reason')).toMatchObject({ type: 'text', maxLength: 1000 });

    const handled = await actOk(t, 'grid-worker', created.id, 'handle', { result: '已更换灯泡，路灯恢复正常' });
    expect(handled.status).toBe('handled');
    expect(handled.handler.name).toContain('王芳');
    // Nobody verifies their own work.
    expect(handled.allowedActions.map((a: { action: string }) => a.action)).not.toContain('close');
    expect((await act(t, 'grid-worker', created.id, 'close')).statusCode).toBe(403);

    const closed = await actOk(t, 'community', created.id, 'close', { note: '现场核查，路灯已亮' });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'accept', 'dispatch', 'take', 'handle', 'close']);
    const first = closed.timeline[1];
    expect(first).toMatchObject({ fromStatus: 'reported', toStatus: 'accepted', actor: { role: 'community_staff' } });

    const track = await t.request('GET', `/api/v1/track/${created.number}?code=${created.trackingCode}`);
    expect(track.statusCode).toBe(200);
    expect(track.json()).toMatchObject({ number: created.number, status: 'closed', statusLabel: '已结案', area: '江庄镇 江庄村' });
    expect(track.json().timeline).toHaveLength(6);
    expect(track.body).not.toContain('王秀英');
    expect(track.body).not.toContain('13800010137');
    expect(track.body).not.toContain('王芳');
  });

  it('keeps reporter identity encrypted and out of events; staff see it masked', async () => {
    const created = await reportCase(t, { reporter: { name: '李桂英', phone: '13900001234' } });
    const detail = (await getCase(t, 'community', created.id)).json();
    expect(detail.reporter).toEqual({ name: '李**', phone: '139****1234', masked: true, erased: false });
    const raw = { rows: await t.rows(sql`select name_encrypted, phone_encrypted from reporters r join cases c on c.reporter_id = r.id where c.id = ${created.id}`) };
    expect(JSON.stringify(raw.rows)).not.toContain('13900001234');
    expect(JSON.stringify(raw.rows)).not.toContain('李桂英');
    const events = { rows: await t.rows(sql`select data, note from case_events where case_id = ${created.id}`) };
    expect(JSON.stringify(events.rows)).not.toContain('13900001234');
    expect(JSON.stringify(events.rows)).not.toContain('李桂英');
  });

  it('an anonymous report stores no identity at all', async () => {
    const created = await reportCase(t, { isAnonymous: true, reporter: undefined });
    expect(created.reporter).toBeNull();
    const bad = await t.request('POST', '/api/v1/cases', {
      body: { channel: 'resident_app', description: '匿名反映有人私挖煤炭', demandType: 'complaint', isAnonymous: true, reporter: { phone: '13800000000' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('reporter');
  });

  it('rework sends the case back to the handler, who takes it again; the rework is counted', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');
    await actOk(t, 'grid-worker', created.id, 'handle', { result: '已处理' });
    const rework = await actOk(t, 'community', created.id, 'rework', { reason: '现场核查仍未修好' });
    expect(rework.status).toBe('rework');
    expect(rework.counts.reworks).toBe(1);
    const again = await actOk(t, 'grid-worker', created.id, 'take');
    expect(again.status).toBe('in_progress');
    await actOk(t, 'grid-worker', created.id, 'handle', { result: '更换了整条线路' });
    expect((await actOk(t, 'center', created.id, 'close')).status).toBe('closed');
  });

  it('a grid worker returns a case they cannot handle; the dispatcher sends it on', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    const returned = await actOk(t, 'grid-worker', created.id, 'return', { reason: '需要电力部门处理' });
    expect(returned.status).toBe('returned');
    expect(returned.assignee).toBeNull();
    const units = (await t.request('GET', '/api/v1/units', { as: 'community' })).json().items;
    const cg = units.find((u: { code: string }) => u.code === 'JW-CG');
    const redispatched = await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'unit', id: cg.id } });
    expect(redispatched).toMatchObject({ status: 'dispatched', level: 'department', assignee: { kind: 'unit', name: '贾汪区城市管理局' } });
    // The department now sees it (unit scope) and works it.
    expect((await getCase(t, 'department', created.id)).statusCode).toBe(200);
    await actOk(t, 'department', created.id, 'take');
    await actOk(t, 'department', created.id, 'handle', { result: '已协调供电所维修' });
    const closed = await actOk(t, 'community', created.id, 'close');
    expect(closed).toMatchObject({ status: 'closed', hasLeftGrid: true });
  });

  it('escalation climbs grid → village → town → department with a fresh clock at each level', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');
    const toVillage = await actOk(t, 'grid-worker', created.id, 'escalate', { reason: '涉及多户，网格内协调不了' });
    expect(toVillage).toMatchObject({ level: 'village', status: 'in_progress', hasLeftGrid: true, assignee: { kind: 'node', name: '江庄村' } });
    // Now the village handles it: the grid worker no longer can.
    expect((await act(t, 'grid-worker', created.id, 'handle', { result: '已处理' })).statusCode).toBe(403);
    const toTown = await actOk(t, 'community', created.id, 'escalate', { reason: '需镇里协调' });
    expect(toTown).toMatchObject({ level: 'town', assignee: { kind: 'node', name: '江庄镇' } });
    expect(new Date(toTown.respondBy).getTime()).toBeGreaterThan(new Date(created.respondBy).getTime());
    const needsUnit = await act(t, 'center', created.id, 'escalate', { reason: '需部门处理' });
    expect(needsUnit.statusCode).toBe(400);
    expect(needsUnit.json().errors[0].field).toBe('targetUnitId');
    const escalateAction = (await getCase(t, 'center', created.id)).json().allowedActions.find((a: { action: string }) => a.action === 'escalate');
    const unit = escalateAction.targets.find((u: { code: string }) => u.code === 'JW-ZJ');
    const toDepartment = await actOk(t, 'center', created.id, 'escalate', { reason: '需住建部门处理', targetUnitId: unit.id });
    expect(toDepartment).toMatchObject({ level: 'department', counts: { escalations: 3 } });
    expect((await act(t, 'center', created.id, 'escalate', { reason: '再上提' })).statusCode).toBe(409);
  });

  it('extension requests need the superior; approval pushes resolveBy and is counted', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    const taken = await actOk(t, 'grid-worker', created.id, 'take');
    const requested = await actOk(t, 'grid-worker', created.id, 'request-extension', { hours: 48, reason: '等待配件' });
    expect(requested.pendingExtension).toMatchObject({ hours: 48 });
    expect((await act(t, 'grid-worker', created.id, 'request-extension', { hours: 2, reason: '再延' })).statusCode).toBe(409);
    expect((await act(t, 'grid-worker', created.id, 'approve-extension', { decision: 'approve' })).statusCode).toBe(403);
    const approved = await actOk(t, 'community', created.id, 'approve-extension', { decision: 'approve' });
    expect(approved.pendingExtension).toBeNull();
    expect(approved.counts.extensions).toBe(1);
    expect(new Date(approved.resolveBy).getTime() - new Date(taken.resolveBy).getTime()).toBe(48 * 3_600_000);
    expect((await act(t, 'community', created.id, 'approve-extension', { decision: 'approve' })).statusCode).toBe(409);
  });

  it('long-term pauses the clock until the review date', async () => {
    const created = await reportCase(t);
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    const taken = await actOk(t, 'grid-worker', created.id, 'take');
    const past = await act(t, 'grid-worker', created.id, 'long-term', { reason: '需列入年度计划', reviewDate: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    const review = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const longTerm = await actOk(t, 'grid-worker', created.id, 'long-term', { reason: '需列入年度计划', reviewDate: review });
    expect(longTerm.longTermUntil).not.toBeNull();
    expect(new Date(longTerm.resolveBy).getTime()).toBeGreaterThan(new Date(taken.resolveBy).getTime() + 80 * 86_400_000);
    expect(longTerm.allowedActions.map((a: { action: string }) => a.action)).not.toContain('request-extension');
  });

  it('reject, merge and reopen', async () => {
    const first = await reportCase(t);
    const duplicate = await reportCase(t, { description: '江庄村第一网格路灯不亮，和别人反映的是同一处' });
    const merged = await actOk(t, 'community', duplicate.id, 'merge', { intoCaseId: first.id });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: { id: first.id, number: first.number } });
    expect((await act(t, 'community', first.id, 'merge', { intoCaseId: first.id })).statusCode).toBe(400);

    const rejected = await actOk(t, 'community', (await reportCase(t)).id, 'reject', { reason: '不属于受理范围' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.allowedActions).toEqual([]);

    await actOk(t, 'community', first.id, 'accept');
    await actOk(t, 'community', first.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', first.id, 'take');
    await actOk(t, 'grid-worker', first.id, 'handle', { result: '已修复' });
    await actOk(t, 'community', first.id, 'close');
    const reopened = await actOk(t, 'community', first.id, 'reopen', { reason: '路灯又坏了' });
    expect(reopened).toMatchObject({ status: 'in_progress', closedAt: null, counts: { reopens: 1 } });
  });

  it('an inquiry (verification "none") closes as soon as it is answered', async () => {
    const taxonomy = (await t.request('GET', '/api/v1/categories')).json();
    const inquiry = taxonomy.groups.flatMap((g: { categories: Array<{ code: string; verification: string }> }) => g.categories).find((c: { verification: string }) => c.verification === 'none');
    const created = await reportCase(t, { categoryCode: inquiry.code, demandType: 'inquiry', description: '请问社保卡信息变更需要带哪些材料？' });
    await actOk(t, 'community', created.id, 'accept');
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'grid', id: gridId(t) } });
    await actOk(t, 'grid-worker', created.id, 'take');
    const answered = await actOk(t, 'grid-worker', created.id, 'handle', { result: '已电话告知需带身份证和社保卡' });
    expect(answered.status).toBe('closed');
    expect(answered.timeline.map((e: { action: string }) => e.action).slice(-2)).toEqual(['handle', 'auto-close']);
  });
});
