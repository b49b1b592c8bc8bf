/**
 * The release checks against the real store packages (`npm run zip` first):
 * release:check passes on them and fails on copies with a widened
 * permission, and the Firefox sources archive rebuilds the Firefox package.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../scripts/release/files';
import type { Manifest } from '../../scripts/release/types';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const chrome = `.output/pointpilot-${version}-chrome.zip`;
const firefox = `.output/pointpilot-${version}-firefox.zip`;

function tsx(script: string, args: string[] = []) {
  const r = spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Copies a package with its manifest changed, as a careless edit to wxt.config.ts would. */
async function widened(src: string, dir: string, edit: (m: Manifest) => void): Promise<string> {
  const files = await readZip(src);
  const m = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Manifest;
  edit(m);
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(m)));
  const out = join(dir, src.split('/').pop() ?? 'package.zip');
  await writeZip(files, out);
  return out;
}

let dir = '';
beforeAll(async () => {
  for (const f of [chrome, firefox]) {
    if (!existsSync(f)) throw new Error(`${f} not found: run \`npm run zip\` before test:release`);
  }
  dir = await mkdtemp(join(tmpdir(), 'pp-release-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('store packages', () => {
  it('pass release:check as built', () => {
    const r = tsx('scripts/release-check.ts');
    expect(r.out).toContain('release:check passed');
    expect(r.status).toBe(0);
  });

  it('fail release:check with a widened permission, which it names', async () => {
    const c = await widened(chrome, dir, (m) => m.permissions?.push('tabs'));
    const f = await widened(firefox, dir, (m) => m.host_permissions?.push('<all_urls>'));
    const r = tsx('scripts/release-check.ts', ['--chrome', c, '--firefox', f]);
    expect(r.status).toBe(1);
    // Exactly the two widenings fail, nothing else.
    expect(r.out.split('\n').filter((l) => l.startsWith('    ✖ '))).toEqual([
      '    ✖ permissions: asks for "tabs", which store/permissions.json does not explain',
      '    ✖ host_permissions: asks for "<all_urls>", which store/permissions.json does not explain',
    ]);
  });

  it('are rebuilt byte for byte from the Firefox sources archive', () => {
    const r = tsx('scripts/rebuild-sources.ts');
    expect(r.out).toContain('the rebuild is identical');
    expect(r.status).toBe(0);
  });
});
