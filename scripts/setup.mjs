#!/usr/bin/env node
// Set-up shared by `npm test` and `npm run demo` on a fresh machine: npm
// packages, Debian's Chromium and Firefox ESR (no test tool may download a
// browser here).
// Plain Node with no dependencies, because it runs before `npm install`.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env } });
const isRoot = process.getuid?.() === 0;

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('[setup] installing npm packages (npm install)…');
  run(
    'PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund',
  );
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (!isRoot) {
    console.error(
      `[setup] ${chromium} is missing: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  console.log("[setup] installing Debian's chromium…");
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
}

// The Firefox e2e journeys (npm test) drive Debian's Firefox ESR; the demo does not need it.
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
if (process.env.npm_lifecycle_event === 'pretest' && !existsSync(firefox)) {
  if (!isRoot) {
    console.error(
      `[setup] ${firefox} is missing: install Debian's firefox-esr (sudo apt-get install firefox-esr) or set FIREFOX_PATH.`,
    );
    process.exit(1);
  }
  console.log("[setup] installing Debian's firefox-esr…");
  run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr');
}
