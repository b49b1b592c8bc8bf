/**
 * How every tool and test here starts Debian's Chromium: never a downloaded
 * browser, and flags that keep it quiet on a closed network (without them it
 * floods the machine with failed connections).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
