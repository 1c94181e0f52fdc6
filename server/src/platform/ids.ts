import { v7 as uuidv7 } from 'uuid';

/** Time-ordered primary keys: UUIDv7 sorts by creation, so keyset pagination can order by id. */
export function newId(): string {
  return uuidv7();
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
