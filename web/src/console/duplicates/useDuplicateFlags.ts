import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

export type DuplicateFlag = Schemas['DuplicateFlags']['items'][number];

const finished = new Set(['closed', 'rejected', 'merged']);

/**
 * "疑似重复" for the inbox rows: one batch request per 100 open cases on screen (a separate request, so the
 * case list itself knows nothing of duplicates). Keyed by the ids, so loading more pages asks only once each.
 */
export function useDuplicateFlags(items: { id: string; status: string }[]): Map<string, DuplicateFlag> {
  const ids = items.filter((c) => !finished.has(c.status)).map((c) => c.id);
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  const query = useQuery({
    queryKey: ['duplicate-flags', ids],
    enabled: ids.length > 0,
    staleTime: 60_000,
    queryFn: async () => (await Promise.all(chunks.map((caseIds) => call(api.POST('/api/v1/duplicates/flags', { body: { caseIds } }))))).flatMap((r) => r.items),
  });
  return new Map((query.data ?? []).map((f) => [f.caseId, f]));
}
