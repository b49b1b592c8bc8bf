import { defineConfig } from '@playwright/test';

// Debian's Firefox ESR with the built Firefox e2e extension, driven by
// Puppeteer over WebDriver BiDi (tests/firefox/launch.ts); Playwright only runs the tests.
export default defineConfig({
  testDir: 'tests/firefox',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
