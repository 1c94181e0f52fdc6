import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningBaseUrl, loadConfig, publicBaseUrlOf } from '../src/config.js';
import { serverDir, startServer, type ServerProcess } from './server-process.js';
import { testSecretKey } from './test-config.js';

// Links texted, mailed or printed to residents must point at this server, not at localhost:3000.
describe('the public base URL (WANGGE_PUBLIC_URL)', () => {
  it('is required outside demo mode, and the start-up error names the variable', () => {
    expect(() => loadConfig({ WANGGE_DEMO: 'false' })).toThrow(/WANGGE_PUBLIC_URL: required when WANGGE_DEMO=false/);
    const config = loadConfig({ WANGGE_DEMO: 'false', WANGGE_PUBLIC_URL: 'https://wangge.example.gov.cn/' });
    expect(publicBaseUrlOf(config)).toBe('https://wangge.example.gov.cn');
  });

  it('`npm start` refuses to start outside demo mode without it', { timeout: 60_000 }, () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WANGGE_DEMO: 'false', WANGGE_SECRET_KEY: testSecretKey, WANGGE_DATA_DIR: '/tmp/wangge-public-url-unused', INIT_CWD: serverDir };
    delete env.WANGGE_PUBLIC_URL;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: serverDir, env, encoding: 'utf8', timeout: 50_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('WANGGE_PUBLIC_URL');
  });

  it('defaults in demo mode to the address the server listens on', () => {
    const demo = loadConfig({ WANGGE_DEMO: 'true', PORT: '8123' });
    expect(demo.publicBaseUrl).toBeUndefined();
    expect(publicBaseUrlOf(demo)).toBe('http://localhost:8123');
    expect(listeningBaseUrl('192.168.1.20', 8080)).toBe('http://192.168.1.20:8080');
    expect(listeningBaseUrl('::', 8080)).toBe('http://localhost:8080');
    expect(listeningBaseUrl('::1', 8080)).toBe('http://[::1]:8080');
  });
});

describe('`npm start` in demo mode on another port', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ WANGGE_DEMO: 'true', LOG_LEVEL: 'info' });
  }, 240_000);
  afterAll(async () => server?.stop(), 60_000);

  it("texts the reporter a tracking link to where it listens", { timeout: 60_000 }, async () => {
    expect(server.port).not.toBe(3000);
    const res = await fetch(`${server.baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'resident_app',
        description: '江庄村东组路灯坏了三天，晚上出行不便',
        demandType: 'help',
        location: { address: '江庄镇江庄村东组12号门口' },
        reporter: { name: '王秀英', phone: '13900004321' },
      }),
    });
    expect(res.status).toBe(201);
    const { number } = (await res.json()) as { number: string };
    // The log SMS gateway prints the text (tracking code masked) once the notification job has run.
    let line: string | undefined;
    for (let i = 0; i < 300 && !line; i++) {
      line = server.output().split('\n').find((l) => l.includes('[sms] case_reported') && l.includes(number));
      if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(line, server.output()).toBeDefined();
    expect(line).toContain(`"link":"http://127.0.0.1:${server.port}/r/track?number=${number}&code=********"`);
    expect(line).not.toContain('localhost:3000');
  });
});
