import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests, named after user stories, against the real server (`npm start` from the repo root)
 * on a fresh demo-seeded PGlite folder per run. The browser is Debian's Chromium (apt-get install
 * chromium fonts-noto-cjk); Playwright never downloads one of its own.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.WANGGE_E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
const isCI = !!process.env.CI;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // One server, two cores: the server and Chromium share them, so one worker is enough.
  workers: 1,
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  // A step waits for pages on a busy machine; 60 s per test before giving up.
  timeout: 60_000,
  // Generous: a busy CI machine can take seconds to load a page's lazy chunk and its data.
  expect: { timeout: 20_000 },
  reporter: isCI ? [['list']] : [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    // Residents' phones ask for Chinese; the server answers in the first Accept-Language.
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.WANGGE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // The wrapper makes a temp data folder, runs `npm start` from the repo root and removes the
    // folder once the server has shut down.
    command: `node ${JSON.stringify(path.join(here, 'support', 'serve.mjs'))}`,
    url: `${baseURL}/healthz`,
    env: { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    // First start migrates, seeds the demo county with its year of history and trains the suggestion models:
    // ~25 s on a quiet machine, well over a minute on a busy one.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
