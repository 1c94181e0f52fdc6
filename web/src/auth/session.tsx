import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError, api, call, type Schemas } from '../api/client';

/** The signed-in staff member, with the console pages their role may open (the server's policy, not ours). */
export type User = Schemas['SignedInUser'];
export type ConsolePage = User['abilities']['pages'][number];

interface Session {
  user: User | null;
  isLoading: boolean;
  signIn(username: string, password: string): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Whether this browser has signed a staff member in (set at sign-in, cleared at sign-out or when the
 * session is gone). Public pages ask the server who is signed in only when it is set, so a resident's
 * visit sends no doomed `/auth/me` and logs no 401.
 */
const hintKey = 'wangge.staffSignedIn';
function readHint(): boolean {
  try {
    return localStorage.getItem(hintKey) === '1';
  } catch {
    return false;
  }
}
function writeHint(signedIn: boolean) {
  try {
    if (signedIn) localStorage.setItem(hintKey, '1');
    else localStorage.removeItem(hintKey);
  } catch {
    // Private mode: public pages then simply do not know about the staff session.
  }
}

/** Pages that need the staff member (they redirect to sign-in without one). */
function isStaffArea(pathname: string): boolean {
  return /^\/(console|m|password)(\/|$)/.test(pathname);
}

/** The signed-in staff member (session cookie), or null. Residents never sign in here. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // The server labels the role in the caller's language: ask again when the language changes.
  const { i18n } = useTranslation();
  const meKey = ['me', i18n.language];
  const { pathname } = useLocation();
  // Resident pages never involve a staff session; the landing and sign-in pages only when one may exist.
  const wanted = !pathname.startsWith('/r/') && (isStaffArea(pathname) || readHint());
  const me = useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const user = await call(api.GET('/api/v1/auth/me'));
        writeHint(true);
        return user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          writeHint(false);
          return null;
        }
        throw error;
      }
    },
    enabled: wanted,
    staleTime: 60_000,
    retry: false,
  });
  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await call(api.POST('/api/v1/auth/login', { body: { username, password } }));
      queryClient.setQueryData(['me', i18n.language], result.user);
      writeHint(true);
      return result.user;
    },
    [queryClient, i18n.language],
  );
  const signOut = useCallback(async () => {
    await api.POST('/api/v1/auth/logout');
    writeHint(false);
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

/** Where the server says the person works (the phone app or the console); a temporary password first gets replaced. */
export function homePathFor(user: User): string {
  if (user.mustChangePassword) return '/password';
  return user.abilities.workspace === 'phone' ? '/m/tasks' : '/console';
}

/** Whether the person's role may open a console page (GET /auth/me `abilities.pages`). */
export function canOpen(user: User | null, page: ConsolePage): boolean {
  return !!user && user.abilities.pages.includes(page);
}
