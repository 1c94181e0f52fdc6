import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOk, pointInGrid, reportCase } from './factories.js';
import { createTestApp, type TestApp } from './test-app.js';

/** A department holds no territory, yet needs the place of the cases it holds (the case page's map). */
let t: TestApp;
const villageCode = '320305107205'; // 江庄村

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const outline = (code: string, as = 'department') => t.request('GET', `/api/v1/territories/${code}?geometry=true`, { as });

describe('the outline of a case a department holds', () => {
  it('is 404 until the case is dispatched to the department, then the grid and village outlines answer (no siblings)', async () => {
    // Two grids of 江庄村 where the demo data left the department no case.
    const free = await t.rows(sql`select g.name from territory_nodes g join territory_nodes v on v.id = g.parent_id
      where v.code = ${villageCode} and g.level = 'grid' and g.grid_kind = 'basic'
        and not exists (select 1 from cases c join units u on u.id = c.assignee_unit_id where u.code = 'JW-CG' and c.territory_path like g.path || '%')
      order by g.code limit 2`);
    expect(free).toHaveLength(2);
    const point = pointInGrid(t, String(free[0]!.name));
    const gridCode = point.gridCode;
    const otherGrid = pointInGrid(t, String(free[1]!.name)).gridCode;
    const created = await reportCase(t, { location: { lat: point.lat, lng: point.lng } });
    expect((await outline(gridCode)).statusCode).toBe(404);

    await actOk(t, 'community', created.id, 'accept');
    const [unit] = await t.rows(sql`select id from units where code = 'JW-CG'`);
    await actOk(t, 'community', created.id, 'dispatch', { target: { kind: 'unit', id: String(unit!.id) } });

    const grid = await outline(gridCode);
    expect(grid.statusCode, grid.body).toBe(200);
    expect(grid.json().geometry.type).toMatch(/Polygon$/);
    expect(grid.json().children).toEqual([]);
    const village = await outline(villageCode);
    expect(village.statusCode, village.body).toBe(200);
    expect(village.json().children).toEqual([]); // the chain, not the village's other grids

    // Not the grid next door, not the town above, not another department's staff.
    expect((await outline(otherGrid)).statusCode).toBe(404);
    expect((await outline('320305107')).statusCode).toBe(404);
    const [otherDept] = await t.rows(sql`select s.username from staff s join units u on u.id = s.unit_id where s.role = 'department_staff' and u.code <> 'JW-CG' and s.is_active limit 1`);
    expect((await outline(gridCode, String(otherDept!.username))).statusCode).toBe(404);
  });
});
