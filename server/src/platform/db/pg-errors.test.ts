import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUniqueViolation, sqlState } from './pg-errors.js';

describe('database error codes', () => {
  const pglite = new PGlite();
  const db = drizzle(pglite);
  beforeAll(async () => {
    await db.execute(sql`create table names (name text primary key)`);
    await db.execute(sql`insert into names values ('a')`);
  });
  afterAll(() => pglite.close());

  const failure = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      return error;
    }
    throw new Error('expected the statement to fail');
  };

  it('finds a unique violation raised by PGlite, directly and through Drizzle', async () => {
    expect(isUniqueViolation(await failure(() => pglite.query(`insert into names values ('a')`)))).toBe(true);
    expect(isUniqueViolation(await failure(() => db.execute(sql`insert into names values ('a')`)))).toBe(true);
  });

  it('tells other database errors apart', async () => {
    const error = await failure(() => db.execute(sql`create table names (name text)`));
    expect(sqlState(error)).toBe('42P07');
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('reads node-postgres shapes: the code on the error or on its cause', () => {
    expect(isUniqueViolation(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(true);
    expect(isUniqueViolation(new Error('query failed', { cause: { code: '23505' } }))).toBe(true);
    expect(isUniqueViolation(new Error('no code'))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
