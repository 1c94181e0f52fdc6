import { useQuery } from '@tanstack/react-query';
import { useCategorySuggestion } from '../../shared/classification/useCategorySuggestion';
import { api, call, type Schemas } from '../../api/client';

export type CategoryList = Schemas['Taxonomy'];
export interface CategoryOption {
  code: string;
  nameZh: string;
  nameEn: string;
  groupZh: string;
  groupEn: string;
  level: string;
}

/** The active categories, flattened with their group names (public endpoint, cached for the session). */
export function useCategoryOptions() {
  return useQuery({
    queryKey: ['categories', 'public'],
    staleTime: 10 * 60_000,
    queryFn: async () => {
      const list = await call(api.GET('/api/v1/categories'));
      const options: CategoryOption[] = list.groups.flatMap((g) =>
        g.categories.map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, groupZh: g.nameZh, groupEn: g.nameEn, level: c.level })),
      );
      return { list, options };
    },
  });
}

/**
 * Categories whose Chinese name shares two-character words with the description ("路灯不亮" →
 * 路灯), or whose English name shares a word, best first. Cheap, and good enough to offer a guess.
 */
export function suggestCategories(description: string, options: CategoryOption[], limit = 3): CategoryOption[] {
  const text = description.toLowerCase();
  if (text.trim().length < 2) return [];
  const scored = options
    .map((option) => {
      let score = 0;
      const name = option.nameZh.replace(/[及和与、（）()]/g, '');
      for (let i = 0; i + 2 <= name.length; i++) if (text.includes(name.slice(i, i + 2))) score += 2;
      for (const word of option.nameEn.toLowerCase().split(/\W+/)) if (word.length > 3 && text.includes(word)) score += 1;
      return { option, score };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.option);
}

/** A few everyday problems to offer before anything is typed: grid-level categories, one per group. */
export function commonCategories(options: CategoryOption[], limit = 6): CategoryOption[] {
  const seen = new Set<string>();
  const picked: CategoryOption[] = [];
  for (const option of options) {
    if (option.level !== 'grid' || seen.has(option.groupZh)) continue;
    seen.add(option.groupZh);
    picked.push(option);
    if (picked.length === limit) break;
  }
  return picked;
}

/** The county model's suggestion for a description as options of the form; empty when no model is on. */
export function useServerSuggestion(description: string, options: CategoryOption[]): CategoryOption[] {
  const suggested = useCategorySuggestion(description);
  const byCode = new Map(options.map((o) => [o.code, o]));
  return suggested.map((c) => byCode.get(c.code)).filter((o): o is CategoryOption => !!o);
}
