import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { ApiError, api, call, type Schemas } from '../../api/client';

export type UserAccount = Schemas['UserAccount'];
export type RoleMatrix = Schemas['RoleMatrix'];
export type RoleInfo = RoleMatrix['roles'][number];
export type Unit = Schemas['Unit'];

/** The role matrix (labels, permissions, node levels); it changes only with a new release. */
export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => call(api.GET('/api/v1/roles')), staleTime: 10 * 60_000 });
}

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => call(api.GET('/api/v1/units')), staleTime: 60_000 });
}

/**
 * Puts the server's field errors (400/409 with `errors`) on the form's fields; returns whether any
 * landed. `aliases` maps server field names onto form names (e.g. nodeCodes → nodes).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form shape
export function showFieldErrors(form: FormInstance<any>, error: unknown, fieldNames: string[], aliases: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || !error.problem?.errors?.length) return false;
  const byField = new Map<string, string[]>();
  for (const e of error.problem.errors) {
    const raw = e.field.split('.').at(-1) ?? e.field;
    const name = aliases[raw] ?? raw;
    if (fieldNames.includes(name)) byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
