import { loadConfig, type Config } from '../src/config.js';

/** Tests run against a fixed key so tracking codes agree between the template and each copy. */
export const testSecretKey = 'a'.repeat(64);
export const demoPassword = 'wangge-demo';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ WANGGE_DATA_DIR: '/tmp/wangge-test-unused', WANGGE_SECRET_KEY: testSecretKey, WANGGE_DEMO_PASSWORD: demoPassword, LOG_LEVEL: 'silent', WANGGE_RATE_LIMIT_PER_MINUTE: '1000000' }),
    ...overrides,
  };
}
