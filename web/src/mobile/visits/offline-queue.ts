import { useSyncExternalStore } from 'react';
import { api, ApiError, call, type Schemas } from '../../api/client';

/**
 * The phone's queue of visits not yet sent (localStorage, so it survives a reload or a closed tab).
 * Every visit carries its own `clientId`, chosen once when recorded: sending it again after a
 * lost answer returns the same visit (the server is idempotent per clientId), so the queue may
 * retry freely. A network failure keeps the item; a refusal by the server (4xx) marks it failed
 * with the server's words, for the person to read and delete.
 */
export interface VisitBody {
  clientId: string;
  householdId: string;
  visitedAt: string;
  location?: { lat: number; lng: number };
  notes: string;
  raised: string[];
  photoIds: string[];
}

export interface QueuedVisit {
  body: VisitBody;
  queuedAt: string;
  error?: string;
}

const storageKey = 'wangge.visits.queue';
const listeners = new Set<() => void>();
let snapshot: QueuedVisit[] = read();
let flushing: Promise<void> | null = null;

function read(): QueuedVisit[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as QueuedVisit[];
  } catch {
    return [];
  }
}

function write(items: QueuedVisit[]) {
  localStorage.setItem(storageKey, JSON.stringify(items));
  snapshot = items;
  for (const listener of listeners) listener();
}

function postVisit(body: VisitBody) {
  return call(api.POST('/api/v1/visits', { body }));
}

/** A fresh client id for a visit (kept with it until the server has it). */
export function newClientId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `v-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** True when the failure means "no connection" (retry later), not "the server said no". */
function isNetworkFailure(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status >= 500 || error.status === 0;
}

/**
 * Sends a visit now; when the network fails it goes into the queue instead. Returns the stored
 * visit, or null when it was queued. Server refusals (4xx) are thrown to the form.
 */
export async function sendOrQueue(body: VisitBody): Promise<Schemas['Visit'] | null> {
  try {
    return await postVisit(body);
  } catch (error) {
    if (!isNetworkFailure(error)) throw error;
    write([...snapshot.filter((q) => q.body.clientId !== body.clientId), { body, queuedAt: new Date().toISOString() }]);
    return null;
  }
}

/** Sends what is queued, oldest first; stops at the first network failure (still offline). */
export function flushQueue(): Promise<void> {
  if (flushing) return flushing;
  flushing = (async () => {
    for (const item of read()) {
      if (item.error) continue;
      try {
        await postVisit(item.body);
        write(read().filter((q) => q.body.clientId !== item.body.clientId));
      } catch (error) {
        if (isNetworkFailure(error)) break;
        const message = error instanceof Error ? error.message : String(error);
        write(read().map((q) => (q.body.clientId === item.body.clientId ? { ...q, error: message } : q)));
      }
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export function dropQueued(clientId: string) {
  write(read().filter((q) => q.body.clientId !== clientId));
}

/** The queue, live: re-renders when it changes (here or in another tab). */
export function useVisitQueue(): QueuedVisit[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key === storageKey) {
          snapshot = read();
          listener();
        }
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
    () => snapshot,
  );
}

// Whenever the connection returns, send what waits.
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => void flushQueue());
}
