/** Duplicates (重复件识别): likely duplicates of a case nearby, and residents following (附议) an existing case. */
export const duplicatesModule = { name: 'duplicates' } as const;
