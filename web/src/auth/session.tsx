import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, type Schemas } from '../api/client';

export type User = Schemas['User'];

interface Session {
  user: User | null;
  isLoading: boolean;
  signIn(username: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in staff member (session cookie), or null. Residents never sign in here. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The server labels the role in the caller's language: ask again when the language changes.
  const { i18n } = useTranslation();
  const meKey = ['me', i18n.language];
  const me = useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/auth/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
      queryClient.setQueryData(['me', i18n.language], result.user);
      return result.user;
    },
    [queryClient, i18n.language],
  );
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout');
    queryClient.clear();
    queryClient.setQueryData(['me', i18n.language], null);
  }, [queryClient, i18n.language]);
  return (
    <SessionContext.Provider value={{ user: me.data ?? null, isLoading: me.isLoading, signIn, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Grid workers and cadres work from their phones; everyone else from the console; a temporary password first gets replaced. */
export function homePathFor(user: User): string {
  if (user.mustChangePassword) return '/password';
  return user.role === 'grid_worker' || user.role === 'cadre' ? '/m/tasks' : '/console';
}
