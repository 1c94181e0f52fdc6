import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api, call, type Schemas } from '../api/client';

export type Resident = Schemas['Resident'];

const meKey = ['resident-me'] as const;

/** The signed-in resident (phone masked), or null. Residents sign in with phone + code, apart from staff. */
export function useResident() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Resident | null> => {
      try {
        return await call(api.GET('/api/v1/resident/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Sign in and out; both refresh what the resident pages know about who is signed in. */
export function useResidentSession() {
  const queryClient = useQueryClient();
  const signIn = useCallback(
    async (phone: string, code: string) => {
      const session = await call(api.POST('/api/v1/resident/login', { body: { phone, code } }));
      queryClient.setQueryData(meKey, session.resident);
      await queryClient.invalidateQueries({ queryKey: ['resident-cases'] });
      return session.resident;
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await call(api.POST('/api/v1/resident/logout'));
    queryClient.setQueryData(meKey, null);
    queryClient.removeQueries({ queryKey: ['resident-cases'] });
  }, [queryClient]);
  return { signIn, signOut };
}
