import { createHash } from 'node:crypto';
import { householdTagLabels, householdTags, memberRelationLabels, memberRelations, type HouseholdTag, type MemberRelation } from './households.tables.js';

/** Full-width forms and surrounding space removed, case folded: what two spellings of one word share. */
function fold(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const tagByWord = new Map<string, HouseholdTag>(
  householdTags.flatMap((t) => [
    [fold(t), t],
    [fold(householdTagLabels[t].zh), t],
    [fold(householdTagLabels[t].en), t],
  ]),
);

/** A tag by code, Chinese label or English label; null when unknown. */
export function parseTag(word: string): HouseholdTag | null {
  return tagByWord.get(fold(word)) ?? null;
}

/** A cell of tags: separated by 、，,；;/| or spaces. Returns the known tags and the unknown words. */
export function parseTagList(cell: string): { tags: HouseholdTag[]; unknown: string[] } {
  const tags = new Set<HouseholdTag>();
  const unknown: string[] = [];
  for (const word of cell.split(/[、,，;；/|\s]+/).filter(Boolean)) {
    const tag = parseTag(word);
    if (tag) tags.add(tag);
    else unknown.push(word);
  }
  return { tags: [...tags], unknown };
}

const relationAliases: Record<string, MemberRelation> = {
  本人: 'head', 户主本人: 'head', 妻: 'spouse', 夫: 'spouse', 妻子: 'spouse', 丈夫: 'spouse',
  子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 次子: 'child', 长女: 'child', 次女: 'child',
  父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent',
  祖父: 'grandparent', 祖母: 'grandparent', 外祖父: 'grandparent', 外祖母: 'grandparent',
  孙子: 'grandchild', 孙女: 'grandchild', 外孙子: 'grandchild', 外孙女: 'grandchild',
  兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 兄弟: 'sibling', 姐妹: 'sibling',
  儿媳: 'in_law', 女婿: 'in_law', 岳父: 'in_law', 岳母: 'in_law', 公公: 'in_law', 婆婆: 'in_law',
};

const relationByWord = new Map<string, MemberRelation>([
  ...memberRelations.flatMap((r) => [
    [fold(r), r] as const,
    [fold(memberRelationLabels[r].zh), r] as const,
    [fold(memberRelationLabels[r].en), r] as const,
  ]),
  ...Object.entries(relationAliases).map(([word, r]) => [fold(word), r] as const),
]);

/** 与户主关系 by code, label or a common word (妻子, 长子, 孙女 …); null when unknown. */
export function parseRelation(word: string): MemberRelation | null {
  return relationByWord.get(fold(word)) ?? null;
}

/** Mainland mobile (1[3-9] + 9 digits, optional +86) or landline with area code (0xx(x)-xxxxxxx(x)). */
export function parsePhone(cell: string): string | null {
  const compact = cell.normalize('NFKC').replace(/[\s()（）]/g, '');
  const mobile = compact.replace(/^(\+?86)-?/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  if (/^0\d{2,3}-?\d{7,8}$/.test(compact)) return compact.replace('-', '');
  return null;
}

/**
 * Identifies a dwelling across imports and hand edits: SHA-256 of the grid code, address,
 * building, unit and room, each folded (NFKC, no spaces, lower case) and joined with a separator
 * that cannot occur in them. Not keyed: these values are stored in clear in the same row, so a key
 * would protect nothing — and a keyed hash would change at key rotation and break re-import.
 */
export function dedupeKeyOf(parts: { gridCode: string; address: string; building?: string | null; unit?: string | null; room?: string | null }): string {
  const normalised = [parts.gridCode, parts.address, parts.building ?? '', parts.unit ?? '', parts.room ?? ''].map(fold).join('\u0001');
  return createHash('sha256').update(normalised).digest('base64url');
}
