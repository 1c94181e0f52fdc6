import { sql } from 'drizzle-orm';
import type { TestApp } from './test-app.js';

/**
 * For the access matrix: one inbox notification per user named (each reads only their own), two
 * webhook subscriptions over `villageCode` and a dead delivery to replay — written directly, as the
 * notifications API itself is what the matrix probes.
 */
export async function notificationFixture(t: TestApp, caseId: string, villageCode: string, usernames: readonly string[]) {
  const eventId = '0190a000-0000-7000-8000-0000000e0001';
  await t.rows(sql`insert into notification_events (id, type, case_id, recipients, data, at, created_at, fanned_out_at)
    values (${eventId}, 'case.urged', ${caseId}, '[]'::jsonb, '{}'::jsonb, now(), now(), now())`);
  const notificationIds: Record<string, string> = {};
  for (const [i, username] of usernames.entries()) {
    const id = `0190a000-0000-7000-8000-0000000e1${String(i).padStart(3, '0')}`;
    await t.rows(sql`insert into notifications (id, staff_id, event_id, type, case_id, data, created_at)
      select ${id}, id, ${eventId}, 'case.urged', ${caseId}, '{}'::jsonb, now() from staff where username = ${username}`);
    notificationIds[username] = id;
  }
  const [admin] = await t.rows(sql`select id from staff where username = 'admin'`);
  const [village] = await t.rows(sql`select id from territory_nodes where code = ${villageCode}`);
  const webhookId = '0190a000-0000-7000-8000-0000000e2001';
  const spareWebhookId = '0190a000-0000-7000-8000-0000000e2002';
  for (const id of [webhookId, spareWebhookId]) {
    await t.rows(sql`insert into webhook_subscriptions (id, name, url, secret_encrypted, event_types, node_ids, created_by_id, created_at, updated_at)
      values (${id}, '矩阵测试订阅', 'http://127.0.0.1:9/matrix', ${t.ctx.secrets.encrypt('whsec_matrix')}, array['case.dispatched'], array[${village!['id']}]::uuid[], ${admin!['id']}, now(), now())`);
  }
  const webhookDeliveryId = '0190a000-0000-7000-8000-0000000e3001';
  await t.rows(sql`insert into webhook_deliveries (id, subscription_id, event_id, event_type, status, attempts, request_body, created_at, updated_at)
    values (${webhookDeliveryId}, ${webhookId}, ${eventId}, 'case.urged', 'dead', 8, '{}', now(), now())`);
  return { notificationIds, webhookId, spareWebhookId, webhookDeliveryId };
}
