import { customType } from 'drizzle-orm/pg-core';

/**
 * `bytea` as a Node Buffer on both engines: node-postgres hands back a Buffer, PGlite a
 * Uint8Array; we normalise so callers never care which engine is underneath.
 */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => value,
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});
