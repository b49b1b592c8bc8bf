import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  justificationLine,
  LANGS,
  listingPath,
  loadMessages,
  loadPermissions,
  loadTexts,
  type Permissions,
  partnerList,
  privacyPath,
  privacySections,
  renderListing,
  renderPrivacyPolicy,
} from '../../scripts/store-listing';
import { bundledPartners, partnerOrigins } from '../../utils/partners';
import config from '../../wxt.config';

type Manifest = {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[] } } };
};

/** The store manifests as wxt.config.ts makes them, plus the built ones when a build exists. */
async function manifests(): Promise<[string, Manifest][]> {
  const make = config.manifest as (env: object) => Manifest | Promise<Manifest>;
  const env = { manifestVersion: 3, mode: 'production', command: 'build' };
  const out: [string, Manifest][] = [
    ['wxt.config.ts (chrome)', await make({ ...env, browser: 'chrome' })],
    ['wxt.config.ts (firefox)', await make({ ...env, browser: 'firefox' })],
  ];
  for (const b of ['chrome', 'firefox']) {
    const path = `.output/${b}-mv3/manifest.json`;
    if (existsSync(path)) out.push([path, JSON.parse(readFileSync(path, 'utf8'))]);
  }
  return out;
}

const partners = new Set(bundledPartners.flatMap(partnerOrigins));

/** What a manifest asks for that store/permissions.json does not justify in both languages. */
function unjustified(m: Manifest, p: Permissions): string[] {
  const ok = (table: Record<string, Record<string, string>>, key: string) =>
    LANGS.every((l) => (table[key]?.[l] ?? '').trim().length > 0);
  const hosts = { ...p.host_permissions, ...p.optional_host_permissions };
  return [
    ...[...(m.permissions ?? []), ...(m.optional_permissions ?? [])].filter(
      (k) => !ok(p.permissions, k),
    ),
    ...[...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? [])].filter(
      (k) => !ok(hosts, partners.has(k) ? '$partners' : k),
    ),
    ...(m.browser_specific_settings?.gecko?.data_collection_permissions?.required ?? []).filter(
      (k) => k !== 'none' && !ok(p.data_collection, k),
    ),
  ];
}

describe('permissions', () => {
  test('every permission, host permission and data type the packages declare is justified in en and de', async () => {
    const p = loadPermissions();
    const seen = await manifests();
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const [name, m] of seen) expect(unjustified(m, p), name).toEqual([]);
  });

  test('a permission added without a justification is caught', () => {
    const p = loadPermissions();
    expect(unjustified({ permissions: ['storage', 'tabs'] }, p)).toEqual(['tabs']);
    expect(unjustified({ optional_host_permissions: ['<all_urls>'] }, p)).toEqual(['<all_urls>']);
    const ff = {
      browser_specific_settings: {
        gecko: { data_collection_permissions: { required: ['locationInfo'] } },
      },
    };
    expect(unjustified(ff, p)).toEqual(['locationInfo']);
  });

  test('the German justifications are not the English ones', () => {
    const p = loadPermissions();
    for (const table of [p.permissions, p.optional_host_permissions, p.data_collection])
      for (const [key, t] of Object.entries(table)) expect(t.de, key).not.toBe(t.en);
  });
});

describe.each(LANGS)('the %s listing', (lang) => {
  const listing = readFileSync(listingPath(lang), 'utf8');
  const messages = loadMessages(lang);
  const texts = loadTexts(lang);

  test('is what scripts/store-listing.ts renders (run `npm run store:listing` after a change)', () => {
    expect(listing).toBe(renderListing(lang));
  });

  test('meets the stores’ length limits', () => {
    // Chrome: name ≤ 75, the manifest description is the 132-character summary; AMO: name ≤ 50, summary ≤ 250.
    expect(messages.extName!.message.length).toBeLessThanOrEqual(50);
    expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
    expect(texts.summary.length).toBeLessThanOrEqual(250);
    expect(texts.singlePurpose.length).toBeLessThanOrEqual(1000);
    expect(texts.description.join('\n').length).toBeLessThanOrEqual(16_000);
  });

  test("its short description is the manifest's description", () => {
    // The paragraph right under its heading.
    const heading = `## ${texts.headings.shortDescription}\n\n`;
    const at = listing.indexOf(heading) + heading.length;
    expect(at).toBeGreaterThan(heading.length);
    expect(listing.slice(at).split('\n')[0]).toBe(messages.extDescription!.message);
  });

  test('quotes every justification from store/permissions.json', () => {
    const p = loadPermissions();
    for (const table of [p.permissions, p.optional_host_permissions, p.data_collection])
      for (const [key, t] of Object.entries(table)) {
        const shown = key === '$partners' ? partnerList() : key;
        expect(listing).toContain(`${justificationLine(shown, t[lang])}\n`);
      }
  });

  test('says it runs no remote code', () => {
    expect(texts.remoteCode).toMatch(lang === 'en' ? /^No\./ : /^Nein\./);
    expect(listing).toContain(texts.remoteCode);
  });
});

describe.each(LANGS)('the public privacy policy (%s)', (lang) => {
  const html = readFileSync(privacyPath(lang), 'utf8');
  const messages = loadMessages(lang);
  const asHtml = (s: string) =>
    s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

  test('is what scripts/store-listing.ts renders', () => {
    expect(html).toBe(renderPrivacyPolicy(lang));
  });

  test("has the extension's privacy page's title and sections, word for word", () => {
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${asHtml(messages.privacyPolicyTitle!.message)}</h1>`);
    const sections = privacySections();
    expect(sections.length).toBeGreaterThanOrEqual(7);
    for (const [title, text] of sections) {
      expect(html).toContain(`<h2>${asHtml(messages[title]!.message)}</h2>`);
      expect(html).toContain(`<p>${asHtml(messages[text]!.message)}</p>`);
    }
    expect(html.match(/<section>/g)).toHaveLength(sections.length);
  });

  test('keeps the intro but not its claim that the page is part of the extension', () => {
    const [first, ...rest] = messages.privacyPolicyIntro!.message.split(/(?<=[.!?])\s/);
    expect(html).toContain(`<p>${asHtml(first!)}</p>`);
    expect(rest.length).toBeGreaterThan(0);
    for (const sentence of rest) expect(html).not.toContain(asHtml(sentence));
  });
});
