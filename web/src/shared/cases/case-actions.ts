import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema.gen';

/**
 * The one client for lifecycle actions, used by the console (forms built from the server's `allowedActions`)
 * and the phone (its own few forms). Which actions a case offers always comes from the server.
 */
export type CaseDetail = Schemas['CaseDetail'];
export type AllowedAction = CaseDetail['allowedActions'][number];
export type ActionName = AllowedAction['action'];
export type ActionTarget = AllowedAction['targets'][number];

type ActionPath<A extends ActionName> = `/api/v1/cases/{id}/actions/${A}`;
/** The body the server's schema takes for one action (each route has its own). */
export type ActionBody<A extends ActionName> = NonNullable<paths[ActionPath<A>]['post']['requestBody']>['content']['application/json'];
/** A body assembled from the server's description of the action's inputs: the server checks it, not the type. */
export type DescribedBody = { version: number } & Record<string, unknown>;

/** Sends one lifecycle action with the case's `version` as read; answers the case as it is now. */
export function postCaseAction<A extends ActionName>(id: string, action: A, body: ActionBody<A>): Promise<CaseDetail>;
export function postCaseAction(id: string, action: ActionName, body: DescribedBody): Promise<CaseDetail>;
export function postCaseAction(id: string, action: ActionName, body: unknown): Promise<CaseDetail> {
  // Every action route shares the path shape and the CaseDetail answer; one typed route stands for all.
  const path = `/api/v1/cases/{id}/actions/${action}` as ActionPath<'accept'>;
  return call(api.POST(path, { params: { path: { id } }, body: body as never }));
}
