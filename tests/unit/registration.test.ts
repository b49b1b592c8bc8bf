import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { revokeOrphanOrigins, syncContentScripts } from '../../entrypoints/background/registration';
import { Partner } from '../../utils/contract';
import { orphanOrigins } from '../../utils/partners';

const p = (id: string, domains: string[]) =>
  Partner.parse({ id, name: id, domains, earn: { pointsPerUnit: 1, currency: 'EUR' } });
const demo = p('demo-shop', ['127.0.0.1']);
const alpha = p('alpha', ['alpha.example']);

let granted: Set<string>;
let registered: { id: string; matches?: string[]; world?: string }[];

beforeEach(() => {
  granted = new Set();
  registered = [];
  const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
  perms.contains = vi.fn(async ({ origins }: { origins: string[] }) =>
    origins.every((o) => granted.has(o)),
  );
  perms.getAll = vi.fn(async () => ({ origins: [...granted], permissions: [] }));
  perms.remove = vi.fn(async ({ origins }: { origins: string[] }) => {
    for (const o of origins) granted.delete(o);
    return true;
  });
  (fakeBrowser.runtime as unknown as Record<string, unknown>).getManifest = () => ({
    host_permissions: [],
  });
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async () => registered);
  scripting.unregisterContentScripts = vi.fn(async ({ ids }: { ids: string[] }) => {
    registered = registered.filter((s) => !ids.includes(s.id));
  });
  scripting.registerContentScripts = vi.fn(async (scripts: typeof registered) => {
    registered.push(...scripts);
  });
});

describe('syncContentScripts', () => {
  it('registers nothing while no partner is enabled', async () => {
    expect(await syncContentScripts([demo, alpha])).toEqual([]);
    expect(registered).toEqual([]);
  });

  it('registers the probe (main world) and the partner script for exactly the granted sites', async () => {
    granted.add('https://alpha.example/*');
    await syncContentScripts([demo, alpha]);
    expect(registered.map((s) => [s.id, s.matches, s.world ?? 'ISOLATED'])).toEqual([
      ['pp-probe', ['https://alpha.example/*'], 'MAIN'],
      ['pp-partner', ['https://alpha.example/*'], 'ISOLATED'],
    ]);
  });

  it('follows revocations: re-syncing after a permission is removed unregisters', async () => {
    granted.add('https://alpha.example/*');
    await syncContentScripts([demo, alpha]);
    granted.clear();
    await syncContentScripts([demo, alpha]);
    expect(registered).toEqual([]);
  });
});

describe('a partner turned off while the browser keeps its grant', () => {
  it('gets no content script, and gets it back when turned on again', async () => {
    granted.add('http://127.0.0.1/*');
    await fakeBrowser.storage.local.set({ partnerAccess: { chosen: [], off: ['demo-shop'] } });
    expect(await syncContentScripts([demo, alpha])).toEqual([]);
    expect(registered).toEqual([]);
    await fakeBrowser.storage.local.set({ partnerAccess: { chosen: ['demo-shop'] } });
    expect(await syncContentScripts([demo, alpha])).toEqual(['http://127.0.0.1/*']);
    expect(registered.map((s) => s.id).sort()).toEqual(['pp-partner', 'pp-probe']);
  });
});

describe('partners leaving the catalogue', () => {
  it('gives back the access granted for them, keeping current partners and the manifest’s own', async () => {
    granted = new Set([
      'https://alpha.example/*',
      'https://*.alpha.example/*',
      'https://gone.example/*',
    ]);
    expect(await revokeOrphanOrigins([alpha])).toEqual(['https://gone.example/*']);
    expect([...granted].sort()).toEqual(['https://*.alpha.example/*', 'https://alpha.example/*']);
  });

  it('orphanOrigins keeps origins the manifest requires', () => {
    expect(
      orphanOrigins(['http://127.0.0.1/*', 'https://x.example/*'], [alpha], ['http://127.0.0.1/*']),
    ).toEqual(['https://x.example/*']);
  });
});
