import { z } from 'zod';
import { caseLevels, clockKinds, colours } from '../categories/categories.tables.js';
import { textInput } from '../../platform/text.js';
import { versionInput, versionQueryInput } from '../../platform/numbers.js';

const limitMinutes = z.number().int().min(1, '时限必须大于 0|a limit must be more than 0').max(60 * 24 * 365);

export const policyFields = z.object({
  categoryCode: textInput().regex(/^\d{4}$/, '小类编码为四位数字|category code is four digits').nullable().describe('null: any category'),
  colour: z.enum(colours).nullable().describe('null: any colour'),
  level: z.enum(caseLevels).nullable().describe('null: any level'),
  respondMinutes: limitMinutes.describe('Respond (受理) limit, always on the continuous clock'),
  resolveMinutes: limitMinutes.describe('Resolve limit from acceptance, on `clock`'),
  clock: z.enum(clockKinds),
  autoEscalate: z.boolean().default(false),
  warnFraction: z
    .number()
    .gt(0, '预警比例须在 0 与 1 之间|warnFraction must lie between 0 and 1')
    .lt(1, '预警比例须在 0 与 1 之间|warnFraction must lie between 0 and 1')
    .default(0.8),
});

export const createPolicyBody = policyFields;
export const updatePolicyBody = policyFields
  .extend({ autoEscalate: policyFields.shape.autoEscalate.unwrap(), warnFraction: policyFields.shape.warnFraction.unwrap() })
  .partial()
  .extend({ version: versionInput().describe('The version you read; a stale one gets 409') });

export const policyParams = z.object({ id: z.uuid() });
export const deletePolicyQuery = z.object({ version: versionQueryInput() });

export const policyView = z.object({
  id: z.string(),
  categoryCode: z.string().nullable(),
  colour: z.enum(colours).nullable(),
  level: z.enum(caseLevels).nullable(),
  respondMinutes: z.number(),
  resolveMinutes: z.number(),
  clock: z.enum(clockKinds),
  autoEscalate: z.boolean(),
  warnFraction: z.number(),
  /** 4 × category + 2 × colour + 1 × level: the higher wins among matching policies. */
  specificity: z.number(),
  version: z.number(),
  updatedAt: z.date(),
});
export const policyList = z.object({ policies: z.array(policyView) });

export const resolveQuery = z.object({
  categoryCode: textInput()
    .regex(/^\d{4}$/)
    .optional(),
  colour: z.enum(colours),
  level: z.enum(caseLevels),
});
export const resolveView = z.object({
  respondMinutes: z.number(),
  resolveMinutes: z.number(),
  clock: z.enum(clockKinds),
  autoEscalate: z.boolean(),
  warnFraction: z.number(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('policy'), policyId: z.string() }),
    z.object({ kind: z.literal('category'), categoryCode: z.string() }),
    z.object({ kind: z.literal('default') }),
  ]),
});
