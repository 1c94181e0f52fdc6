import { z } from 'zod';
import { userView } from './people.schema.js';
import { textInput } from '../../platform/text.js';
import { consolePages } from './abilities.js';

const abilitiesView = z.object({
  pages: z.array(z.enum(Object.keys(consolePages) as [keyof typeof consolePages])).describe('The console pages this person may open (from the permissions of their role)'),
  workspace: z.enum(['console', 'phone']).describe('Where they work: the console, or the phone app (grid workers, cadres)'),
}).meta({ id: 'Abilities' });

/** The signed-in person as sign-in and /auth/me return them: the user and what they may open. */
const signedInUser = userView.extend({ abilities: abilitiesView }).meta({ id: 'SignedInUser' });

export const loginBody = z.object({
  username: textInput().trim().min(1).max(64),
  password: textInput().min(1).max(256),
});

export const loginResponse = z.object({
  token: z.string().describe('Bearer token; send as `Authorization: Bearer <token>`'),
  expiresAt: z.string(),
  csrfToken: z
    .string()
    .describe('For browsers using the session cookie: send it as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE (also in the readable `wangge_csrf` cookie)'),
  user: signedInUser,
}).meta({ id: 'LoginResult' });

export const meView = signedInUser.extend({
  csrfToken: z.string().nullable().describe('The X-CSRF-Token value for this cookie session; null when signed in with a bearer token'),
}).meta({ id: 'Me' });

export const sessionView = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string().describe('Updated at most once a minute'),
  expiresAt: z.string().describe('Absolute end of the session'),
  idleExpiresAt: z.string().describe('When it ends if unused from now on'),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  isCurrent: z.boolean().describe('The session making this request'),
}).meta({ id: 'Session' });

export const sessionParams = z.object({ id: textInput().uuid() });

export const changePasswordBody = z.object({
  currentPassword: textInput().min(1).max(256),
  newPassword: textInput().min(1).max(256).describe('≥ 10 characters; 3 of lower/upper/digit/symbol or a passphrase ≥ 16; not the username; not a common password'),
}).meta({ id: 'ChangePassword' });

export const changePasswordResponse = z.object({
  revokedSessions: z.number().int().describe('Your other sessions, now ended'),
}).meta({ id: 'PasswordChanged' });
