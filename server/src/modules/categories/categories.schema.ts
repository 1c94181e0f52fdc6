import { z } from 'zod';
import { caseLevels, clockKinds, colours, verificationRules } from './categories.tables.js';
import { textInput } from '../../platform/text.js';
import { versionInput } from '../../platform/numbers.js';

export const categoryFields = z.object({
  groupCode: textInput().regex(/^\d{2}$/, '大类编码为两位数字|group code is two digits'),
  nameZh: textInput().trim().min(1).max(40),
  nameEn: textInput().trim().min(1).max(80),
  colour: z.enum(colours),
  level: z.enum(caseLevels),
  respondMinutes: z.number().int().min(1).max(60 * 24 * 30),
  resolveHours: z.number().int().min(1).max(24 * 365),
  clock: z.enum(clockKinds),
  verification: z.enum(verificationRules),
  defaultUnitCode: textInput().max(40).nullable().default(null),
  isActive: z.boolean().default(true),
});

export const createCategoryBody = categoryFields.extend({
  code: textInput().regex(/^\d{4}$/, '小类编码为四位数字|category code is four digits'),
});

// A PATCH names only what changes: the create defaults (no unit, active, first in order) must not
// fill in the fields it leaves out, or every edit would clear the default unit and re-activate.
export const updateCategoryBody = categoryFields
  .extend({ defaultUnitCode: categoryFields.shape.defaultUnitCode.unwrap(), isActive: categoryFields.shape.isActive.unwrap() })
  .partial()
  .extend({ version: versionInput().describe('The version you read; a stale one gets 409') });

export const categoryParams = z.object({ code: textInput().regex(/^\d{4}$/) });
export const groupParams = z.object({ code: textInput().regex(/^\d{2}$/) });

export const groupFields = z.object({
  nameZh: textInput().trim().min(1).max(40),
  nameEn: textInput().trim().min(1).max(80),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  isActive: z.boolean().default(true),
});
export const createGroupBody = groupFields.extend({ code: textInput().regex(/^\d{2}$/, '大类编码为两位数字|group code is two digits') });
export const updateGroupBody = groupFields
  .extend({ sortOrder: groupFields.shape.sortOrder.unwrap(), isActive: groupFields.shape.isActive.unwrap() })
  .partial()
  .extend({ version: versionInput() });

export const categoryView = z.object({
  code: z.string(),
  groupCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  colour: z.enum(colours),
  level: z.enum(caseLevels),
  respondMinutes: z.number().int(),
  resolveHours: z.number().int(),
  clock: z.enum(clockKinds),
  verification: z.enum(verificationRules),
  defaultUnitCode: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number().int(),
}).meta({ id: 'Category' });

export const groupView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  version: z.number().int(),
  categories: z.array(categoryView),
}).meta({ id: 'CategoryGroup' });

export const taxonomyView = z.object({
  demandTypes: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  groups: z.array(groupView),
}).meta({ id: 'Taxonomy' });

export const taxonomyQuery = z.object({
  includeInactive: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});
