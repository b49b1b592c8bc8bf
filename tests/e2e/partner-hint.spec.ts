import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { OptionsPage } from './pages/options';

/**
 * Chrome's toolbar hint on a partner shop the user has not enabled: a
 * declarativeContent rule on the partner's hosts that swaps the icon. The
 * browser applies it, so the extension never learns the page; which icon a
 * tab shows is not readable from an extension or from headless Chromium
 * (no toolbar), so this checks the rules the browser holds.
 */

interface Rule {
  id: string;
  conditions: { instanceType: string; pageUrl: Record<string, unknown> }[];
  actions: { instanceType: string; imageData?: Record<string, unknown> }[];
}
type DeclarativeContent = {
  onPageChanged: { getRules(ids: undefined, cb: (rules: Rule[]) => void): void };
};

const hintRules = (worker: Worker) =>
  worker.evaluate(
    () =>
      new Promise<Rule[]>((resolve) =>
        (
          globalThis as unknown as { chrome: { declarativeContent: DeclarativeContent } }
        ).chrome.declarativeContent.onPageChanged.getRules(undefined, resolve),
      ),
  );

/** What each rule matches on (the page's scheme and host) and what it does. */
const summary = (rules: Rule[]) =>
  rules.map((r) => ({
    id: r.id,
    pageUrls: r.conditions.map((c) => c.pageUrl),
    actions: r.actions.map((a) => a.instanceType),
    iconSizes: r.actions.flatMap((a) => Object.keys(a.imageData ?? {})),
  }));

/**
 * Pixels of the hint dot's amber (#ffb020) in the icon a rule sets. Chrome
 * hands the icon back as its own serialised bitmap (base64), 4 bytes a pixel;
 * the plain icon has no amber at all.
 */
const amberPixels = (encoded: unknown) => {
  const bytes = Buffer.from(String(encoded), 'base64');
  const count = (hex: string) => bytes.toString('hex').match(new RegExp(hex, 'g'))?.length ?? 0;
  return count('20b0ffff') + count('ffb020ff'); // BGRA or RGBA
};

test('a partner turned off gets the hint rule for its host; turned on, the rule goes', async ({
  context,
  extensionId,
  worker,
}) => {
  // The e2e build pre-grants the demo shop: it is on, so nothing to hint at.
  expect(await hintRules(worker)).toEqual([]);

  const options = await OptionsPage.open(context, extensionId);
  const demo = options.page.getByRole('checkbox', { name: /Demo Shop/ });
  await expect(demo).toBeChecked();
  await demo.uncheck();
  await expect(demo).not.toBeChecked();

  // Exactly the demo shop's host (any port, http or https), and nothing else:
  // no path, no other site. The action swaps the icon (16 and 32 px).
  await expect
    .poll(async () => summary(await hintRules(worker)))
    .toEqual([
      {
        id: 'pp-partner-hint',
        pageUrls: [{ hostEquals: '127.0.0.1', schemes: ['http', 'https'] }],
        actions: ['declarativeContent.SetIcon'],
        iconSizes: ['16', '32'],
      },
    ]);
  // The icon it sets is the one with the dot, at both sizes.
  const [icon] = (await hintRules(worker))[0]!.actions;
  expect(amberPixels(icon?.imageData?.['16'])).toBeGreaterThan(4);
  expect(amberPixels(icon?.imageData?.['32'])).toBeGreaterThan(16);

  await demo.check();
  await expect(demo).toBeChecked();
  await expect.poll(() => hintRules(worker)).toEqual([]);
});

test('the hint needs neither the tabs permission nor access to every site', async ({ worker }) => {
  const manifest = await worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: {
          runtime: { getManifest(): { permissions: string[]; host_permissions: string[] } };
        };
      }
    ).chrome.runtime.getManifest(),
  );
  expect(manifest.permissions).toContain('declarativeContent');
  expect(manifest.permissions).not.toContain('tabs');
  // Only the e2e build's demo shop, pre-granted because headless Chromium cannot prompt.
  expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*']);
});
