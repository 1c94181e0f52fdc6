import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';

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
