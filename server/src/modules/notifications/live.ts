import { EventEmitter } from 'node:events';

/**
 * In-process wake-up for the SSE streams: the fan-out job announces whose inbox got a row after
 * its transaction commits. Streams of other processes find the row by polling instead, so this is
 * only a shortcut, never the source of truth (the `notifications` table is).
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function announceInbox(staffIds: readonly string[]): void {
  for (const id of new Set(staffIds)) emitter.emit(id);
}

/** Calls `wake` whenever `staffId`'s inbox may have changed; returns the unsubscribe function. */
export function onInbox(staffId: string, wake: () => void): () => void {
  emitter.on(staffId, wake);
  return () => emitter.off(staffId, wake);
}
