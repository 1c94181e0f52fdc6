import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';

export type CaseAbilities = Schemas['CaseAbilities'];

const none: CaseAbilities = { actions: [], canDispatch: false, hasQueue: false };

/**
 * What the signed-in person's role may do with cases, from the server's case policy (GET /cases/abilities):
 * whether they dispatch, whether they hold cases (待我处理). Nothing until it is known.
 */
export function useCaseAbilities(): CaseAbilities & { isLoading: boolean } {
  const { user } = useSession();
  const query = useQuery({
    queryKey: ['case-abilities', user?.id],
    queryFn: () => call(api.GET('/api/v1/cases/abilities')),
    enabled: !!user,
    staleTime: Infinity,
  });
  return { ...(query.data ?? none), isLoading: query.isLoading };
}
