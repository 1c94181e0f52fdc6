import { useCallback, useState } from 'react';
import type { CaseFilters } from './caseApi';

export interface SavedView {
  name: string;
  filters: CaseFilters;
}

const storageKey = 'wangge.console.savedViews';

function load(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SavedView[]).filter((v) => v && typeof v.name === 'string' && v.filters) : [];
  } catch {
    return [];
  }
}

/** Named filter sets kept on this device (localStorage). Saving under an existing name replaces it. */
export function useSavedViews() {
  const [views, setViews] = useState<SavedView[]>(load);
  const persist = useCallback((next: SavedView[]) => {
    localStorage.setItem(storageKey, JSON.stringify(next));
    setViews(next);
  }, []);
  const save = useCallback((name: string, filters: CaseFilters) => persist([...load().filter((v) => v.name !== name), { name, filters }]), [persist]);
  const remove = useCallback((name: string) => persist(load().filter((v) => v.name !== name)), [persist]);
  return { views, save, remove };
}
