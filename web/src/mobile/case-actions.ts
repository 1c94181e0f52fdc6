import { postCaseAction, type CaseDetail } from '../shared/cases/case-actions';

/** The actions a phone offers; the rest (dispatch, merge, extensions…) belong to the console. */
export const phoneActions = ['take', 'handle', 'return', 'close', 'rework', 'whistle', 'check-in', 'report-progress'] as const;
export type PhoneAction = (typeof phoneActions)[number];

/** What the phone's action forms collect. */
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

/** The phone's form as the action's body, sent through the shared action client. */
export function performAction(id: string, action: PhoneAction, input: ActionInput): Promise<CaseDetail> {
  const { version } = input;
  const note = input.note?.trim() ? { note: input.note.trim() } : {};
  switch (action) {
    case 'take':
    case 'close':
    case 'check-in':
      return postCaseAction(id, action, { version, ...note });
    case 'return':
    case 'rework':
      return postCaseAction(id, action, { version, reason: input.reason ?? '' });
    case 'whistle':
      return postCaseAction(id, action, { version, grade: input.grade ?? 'routine', reason: input.reason ?? '', departments: [] });
    case 'report-progress':
      return postCaseAction(id, action, { version, note: input.note?.trim() ?? '', completed: input.completed ?? false, evidence: input.evidence ?? [] });
    case 'handle':
      return postCaseAction(id, action, { version, result: input.result ?? '', evidence: input.evidence ?? [], ...(input.location ? { location: input.location } : {}) });
  }
}
