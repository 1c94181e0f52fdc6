import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsGateway, LogSmsGateway, SmsDeliveryError, createSmsGateway, signSmsBody } from '../src/platform/sms.js';
import { loadConfig } from '../src/config.js';

const secret = 'relay-shared-secret-0123456789';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real relay on a local port: checks the signature the way a county's relay would. */
let server: http.Server;
let url: string;
const received: Received[] = [];
let answerWith = 202;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const timestamp = String(req.headers['x-wangge-timestamp'] ?? '');
      const sent = Buffer.from(String(req.headers['x-wangge-signature'] ?? ''));
      const expected = Buffer.from(`sha256=${signSmsBody(secret, timestamp, body)}`);
      const valid = sent.length === expected.length && timingSafeEqual(sent, expected);
      res.statusCode = valid ? answerWith : 401;
      res.end(valid ? '{"accepted":true}' : '{"error":"bad signature"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('HTTP SMS gateway', () => {
  it('POSTs the template and parameters as JSON, signed with the shared secret', async () => {
    answerWith = 202;
    const gateway = new HttpSmsGateway(url, secret, { now: () => new Date('2026-11-22T08:00:00Z'), newId: () => 'msg-1' });
    await gateway.send('13800138000', 'resident_otp', { code: '123456', minutes: '5' });
    const last = received.at(-1)!;
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['x-wangge-timestamp']).toBe(String(Date.parse('2026-11-22T08:00:00Z') / 1000));
    expect(JSON.parse(last.body)).toEqual({
      id: 'msg-1',
      phone: '13800138000',
      templateId: 'resident_otp',
      params: { code: '123456', minutes: '5' },
      sentAt: '2026-11-22T08:00:00.000Z',
    });
  });

  it('surfaces a refusal (non-2xx) as a delivery error with the status', async () => {
    answerWith = 503;
    const gateway = new HttpSmsGateway(url, secret);
    const error = await gateway.send('13800138000', 'resident_otp', { code: '1', minutes: '5' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect((error as SmsDeliveryError).status).toBe(503);
  });

  it('a wrong secret is refused by the relay, and that surfaces too', async () => {
    answerWith = 202;
    const gateway = new HttpSmsGateway(url, 'not-the-relay-secret-000');
    const error = await gateway.send('13800138000', 'resident_otp', { code: '1', minutes: '5' }).catch((e: unknown) => e);
    expect((error as SmsDeliveryError).status).toBe(401);
  });

  it('an unreachable relay is a delivery error, not a crash', async () => {
    const gateway = new HttpSmsGateway('http://127.0.0.1:9/sms', secret, { timeoutMs: 2000 });
    await expect(gateway.send('13800138000', 'resident_otp', { code: '1', minutes: '5' })).rejects.toBeInstanceOf(SmsDeliveryError);
  });
});

describe('log SMS gateway and settings', () => {
  it('prints the code with the phone masked and remembers it for read-back', async () => {
    const lines: string[] = [];
    const gateway = new LogSmsGateway((line) => lines.push(line));
    await gateway.send('13812345678', 'resident_otp', { code: '654321', minutes: '5' });
    expect(lines).toEqual(['[sms] OTP for 138****5678: 654321']);
    expect(gateway.lastSentTo('13812345678', 'resident_otp')?.params.code).toBe('654321');
    expect(gateway.lastSentTo('13900000000')).toBeUndefined();
  });

  it('chooses the gateway from the settings; http needs a URL and a secret', () => {
    expect(createSmsGateway(loadConfig({ LOG_LEVEL: 'silent' })).kind).toBe('log');
    const http = loadConfig({ WANGGE_SMS_GATEWAY: 'http', WANGGE_SMS_URL: url, WANGGE_SMS_SECRET: secret });
    expect(createSmsGateway(http).kind).toBe('http');
    expect(http.devEndpoints).toBe(false);
    expect(() => loadConfig({ WANGGE_SMS_GATEWAY: 'http' })).toThrow(/WANGGE_SMS_URL/);
    expect(loadConfig({ NODE_ENV: 'production' }).devEndpoints).toBe(false);
    expect(loadConfig({ WANGGE_DEMO: 'false', WANGGE_PUBLIC_URL: 'https://wangge.example.gov.cn' }).devEndpoints).toBe(false);
  });
});
