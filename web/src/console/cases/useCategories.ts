import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';

export type Taxonomy = Schemas['Taxonomy'];

/** The category taxonomy (大类/小类) and demand types; changes rarely. */
export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: () => call(api.GET('/api/v1/categories')),
    staleTime: 10 * 60_000,
  });
}

/** Cascader/TreeSelect options: 大类 → 小类, names in the reader's language. */
export function useCategoryOptions() {
  const { i18n } = useTranslation();
  const categories = useCategories();
  const en = i18n.language === 'en';
  const options = (categories.data?.groups ?? [])
    .filter((g) => g.isActive)
    .map((g) => ({
      value: g.code,
      label: en ? g.nameEn : g.nameZh,
      title: en ? g.nameEn : g.nameZh,
      children: g.categories
        .filter((c) => c.isActive)
        .map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh, title: en ? c.nameEn : c.nameZh })),
    }));
  return { ...categories, options };
}
