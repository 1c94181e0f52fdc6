import { api, call, type Schemas } from '../api/client';

type Detail = Schemas['CaseDetail'];

/** The actions a phone offers; the rest (dispatch, merge, extensions…) belong to the console. */
export const phoneActions = ['take', 'handle', 'return', 'close', 'rework', 'whistle', 'check-in', 'report-progress'] as const;
export type PhoneAction = (typeof phoneActions)[number];

export interface ActionInput {
  version: number;
  note?: string;
  reason?: string;
  result?: string;
  evidence?: string[];
  location?: { lat: number; lng: number };
  grade?: 'routine' | 'raised' | 'emergency';
  completed?: boolean;
}

/** One typed call per action route (each has its own body schema on the server). */
export function performAction(id: string, action: PhoneAction, input: ActionInput): Promise<Detail> {
  const path = { params: { path: { id } } };
  const note = input.note?.trim() ? { note: input.note.trim() } : {};
  switch (action) {
    case 'take':
      return call(api.POST('/api/v1/cases/{id}/actions/take', { ...path, body: { version: input.version, ...note } }));
    case 'close':
      return call(api.POST('/api/v1/cases/{id}/actions/close', { ...path, body: { version: input.version, ...note } }));
    case 'return':
      return call(api.POST('/api/v1/cases/{id}/actions/return', { ...path, body: { version: input.version, reason: input.reason ?? '' } }));
    case 'rework':
      return call(api.POST('/api/v1/cases/{id}/actions/rework', { ...path, body: { version: input.version, reason: input.reason ?? '' } }));
    case 'whistle':
      return call(api.POST('/api/v1/cases/{id}/actions/whistle', { ...path, body: { version: input.version, grade: input.grade ?? 'routine', reason: input.reason ?? '', departments: [] } }));
    case 'check-in':
      return call(api.POST('/api/v1/cases/{id}/actions/check-in', { ...path, body: { version: input.version, ...note } }));
    case 'report-progress':
      return call(
        api.POST('/api/v1/cases/{id}/actions/report-progress', {
          ...path,
          body: { version: input.version, note: input.note?.trim() ?? '', completed: input.completed ?? false, evidence: input.evidence ?? [] },
        }),
      );
    case 'handle':
      return call(
        api.POST('/api/v1/cases/{id}/actions/handle', {
          ...path,
          body: { version: input.version, result: input.result ?? '', evidence: input.evidence ?? [], ...(input.location ? { location: input.location } : {}) },
        }),
      );
  }
}
