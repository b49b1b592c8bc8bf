import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { refreshCatalogue } from '../../entrypoints/background/catalogue-refresh';
import type { PartnerCatalogue } from '../../utils/contract';
import { forgetCachedCatalogue, loadCatalogue } from '../../utils/partners/stored';

vi.mock('../../entrypoints/background/registration', () => ({
  syncContentScripts: vi.fn(async () => []),
  revokeOrphanOrigins: vi.fn(async () => []),
}));

const remote: PartnerCatalogue = {
  version: 'v2',
  partners: [
    {
      id: 'new-partner',
      name: 'New Partner',
      domains: ['new-partner.example'],
      earn: { pointsPerUnit: 1, currency: 'EUR' },
      requiresActivation: false,
      activationHours: 24,
      confirmationDays: 30,
      rules: [],
    },
  ],
};

function respond(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return vi.fn(
    async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers }),
  );
}

beforeEach(() => {
  forgetCachedCatalogue();
  vi.unstubAllGlobals();
});

describe('refreshCatalogue', () => {
  it('falls back to the bundled catalogue before the first download', async () => {
    expect((await loadCatalogue()).partners.map((p) => p.id)).toEqual(['demo-shop']);
  });

  it('stores a new catalogue with its ETag and uses it at once', async () => {
    vi.stubGlobal('fetch', respond(200, remote, { etag: '"v2"' }));
    expect(await refreshCatalogue()).toBe('updated');
    expect((await loadCatalogue()).index.byUrl('https://shop.new-partner.example/x')?.id).toBe(
      'new-partner',
    );
    expect((await fakeBrowser.storage.local.get('catalogueEtag')).catalogueEtag).toBe('"v2"');
  });

  it('sends the ETag and keeps the stored catalogue on 304', async () => {
    vi.stubGlobal('fetch', respond(200, remote, { etag: '"v2"' }));
    await refreshCatalogue();
    const notModified = respond(304);
    vi.stubGlobal('fetch', notModified);
    expect(await refreshCatalogue()).toBe('unchanged');
    const init = (notModified.mock.calls[0] as unknown as [URL, RequestInit])[1];
    expect(new Headers(init.headers).get('if-none-match')).toBe('"v2"');
    expect((await loadCatalogue()).partners[0]?.id).toBe('new-partner');
  });

  it.each([
    ['a broken body', respond(200, { partners: 'nope' })],
    ['a server error', respond(500, { type: 'internal', title: 'x', status: 500 })],
    ['no network', vi.fn(async () => Promise.reject(new TypeError('fetch failed')))],
  ])('keeps what it has on %s', async (_, fetchFn) => {
    vi.stubGlobal('fetch', fetchFn);
    expect(await refreshCatalogue()).toBe('failed');
    expect((await loadCatalogue()).partners.map((p) => p.id)).toEqual(['demo-shop']);
  });
});
