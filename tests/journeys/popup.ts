/**
 * The popup and the settings page as the journeys see them, on any driver:
 * CSS selectors (data-testid first, as the Playwright page objects in
 * tests/e2e/pages use) and the few reads the journeys assert on.
 */
import type { ExtensionBrowser, UiPage } from './ui';

const id = (testId: string) => `[data-testid="${testId}"]`;

export const popupSel = {
  ready: id('available'),
  available: id('available'),
  pending: id('pending'),
  entry: id('entry'),
  entryPoints: id('entry-points'),
  syncStatus: id('sync-status'),
  unsent: id('unsent'),
  tab: (name: 'home' | 'activity' | 'coupons' | 'rewards') => id(`tab-${name}`),
  panel: (name: 'home' | 'activity' | 'coupons' | 'rewards') => id(`panel-${name}`),
  tierName: `${id('tier-card')} ${id('tier-name')}`,
  coupon: (couponId: string) => `${id('coupon')}[data-coupon-id="${couponId}"]`,
  reward: (rewardId: string) => `${id('reward')}[data-reward-id="${rewardId}"]`,
  redeemYes: `${id('redeem-confirm')} .row-buttons button:first-child`,
  voucherCode: id('voucher-code'),
  surveyCard: id('survey-card'),
  surveyReward: id('survey-reward'),
  surveyStart: id('survey-start'),
  surveyQuestion: id('survey-question'),
  surveyTitle: id('survey-question-title'),
  surveyProgressBar: `${id('survey-progress')} progress`,
  surveyNext: id('survey-next'),
  surveySubmit: id('survey-submit'),
  surveyThanks: id('survey-thanks'),
  surveyDone: id('survey-done'),
  surveyBadges: `${id('survey-badges')} li`,
} as const;

export const optionsSel = {
  ready: 'input[name="email"]',
  advanced: `${id('advanced')} summary`,
  backend: 'input[name="backend"]',
  saved: 'form p[role="status"]',
  email: 'input[name="email"]',
  code: 'input[name="code"]',
  signedIn: id('signed-in'),
} as const;

export interface EntryRow {
  text: string;
  status: string | null;
  points: string;
}

/** The popup's visible activity rows (Home: the latest few; Activity: the loaded pages). */
export function entryRows(popup: UiPage): Promise<EntryRow[]> {
  return popup.each(popupSel.entry, (el) => ({
    text: (el.textContent ?? '').trim(),
    status: el.getAttribute('data-status'),
    points: (el.querySelector('[data-testid="entry-points"]')?.textContent ?? '').trim(),
  }));
}

/** The row of one order, or undefined while it is not shown. */
export async function entryFor(popup: UiPage, orderRef: string): Promise<EntryRow | undefined> {
  return (await entryRows(popup)).find((r) => r.text.includes(orderRef));
}

export async function textOf(page: UiPage, selector: string): Promise<string | undefined> {
  return (await page.texts(selector))[0];
}

export async function attributeOf(
  page: UiPage,
  selector: string,
  name: string,
): Promise<string | null | undefined> {
  return (await page.attributes(selector, name))[0];
}

export async function openSection(
  popup: UiPage,
  name: 'home' | 'activity' | 'coupons' | 'rewards',
): Promise<void> {
  await popup.click(popupSel.tab(name));
  await popup.waitFor(popupSel.panel(name));
}

export const openPopup = (b: ExtensionBrowser) => b.extensionPage('popup.html', popupSel.ready);

/** The member's session token, read from the extension's storage (to ask the server directly). */
export function tokenIn(extensionPage: UiPage): Promise<string> {
  return extensionPage.evaluate(async () => {
    type Storage = { local: { get(k: string): Promise<Record<string, { token: string }>> } };
    const g = globalThis as unknown as {
      browser?: { storage: Storage };
      chrome: { storage: Storage };
    };
    return (await (g.browser ?? g.chrome).storage.local.get('account')).account!.token;
  });
}

type LocalEntry = { orderRef: string | null; status: string; kind: string };

/** The local ledger's entries, read straight from the extension's IndexedDB. */
export function localEntries(extensionPage: UiPage): Promise<LocalEntry[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<LocalEntry[]>((ok, fail) => {
        const req = indexedDB.open('pointpilot-ledger');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => {
            ok(all.result as LocalEntry[]);
            req.result.close();
          };
          all.onerror = () => fail(all.error);
        };
      }),
  );
}
