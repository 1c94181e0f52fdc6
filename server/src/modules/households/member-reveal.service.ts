import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { checkReason } from '../../platform/personal-data/reasons.js';
import { recordReveal } from '../../platform/personal-data/record-reveal.js';
import { householdMembers } from './households.tables.js';
import { findHouseholdInScope } from './households.queries.js';

export const memberFields = ['name', 'phone', 'idNumber'] as const;
type MemberField = (typeof memberFields)[number];

/**
 * The reveal pattern (platform/personal-data, as privacy/reveal.service.ts) for a household member: `pii:read`, a
 * reason, the household in scope; a pii_reveals row and a `pii.reveal` audit row written in one
 * transaction before the clear values leave.
 */
export async function revealMember(ctx: AppContext, actorInput: Actor, householdId: string, memberId: string, input: { reason?: string; fields?: MemberField[] }, ip?: string) {
  const actor = requirePermission(actorInput, 'pii:read');
  const reason = checkReason(input.reason);
  const fields: MemberField[] = input.fields?.length ? [...new Set(input.fields)] : [...memberFields];
  return ctx.db.transaction(async (tx) => {
    await findHouseholdInScope(tx, actor, householdId);
    const [member] = await tx.select().from(householdMembers).where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId))).limit(1);
    if (!member) throw notFound({ zh: '该户没有这位成员', en: 'No such member in this household' });
    if (member.erasedAt) {
      throw new AppError('PERSONAL_DATA_ERASED', { detail: { zh: `此人的个人信息已于 ${member.erasedAt.toISOString().slice(0, 10)} 应本人要求删除`, en: `This person's data was erased on request on ${member.erasedAt.toISOString().slice(0, 10)}` } });
    }
    const sealed: Record<MemberField, string | null> = { name: member.nameEncrypted, phone: member.phoneEncrypted, idNumber: member.idNumberEncrypted };
    const revealed = fields.filter((f) => sealed[f] !== null);
    const at = ctx.clock.now();
    const id = await recordReveal(tx, actor, { subjectType: 'household_member', subjectId: member.id, caseId: null, fields: revealed, reason, ip, auditData: { householdId } }, at);
    const clear = (f: MemberField) => (revealed.includes(f) ? ctx.secrets.decrypt(sealed[f]!) : null);
    return { revealId: id, memberId: member.id, fields: revealed, name: clear('name'), phone: clear('phone'), idNumber: clear('idNumber'), revealedAt: at.toISOString() };
  });
}
