import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PartnerList } from '../../components/PartnerList';
import { useLocale } from './i18n-fake';

/**
 * The "no" to the browser's question cannot be clicked in headless Firefox
 * (with prompts off it always says yes; with them on, the prompt is not
 * reachable): the settings' partner list is rendered here with a browser
 * whose permissions.request resolves false, as it does when the user declines.
 */
const { document, window } = parseHTML('<!doctype html><html><body></body></html>');
Object.assign(globalThis, { document, window, Event: window.Event });

const flush = () => new Promise((r) => setTimeout(r, 20));
let answer: boolean;
let granted: Set<string>;

beforeEach(() => {
  answer = false;
  granted = new Set();
  const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
  perms.contains = vi.fn(async ({ origins }: { origins: string[] }) =>
    origins.every((o) => granted.has(o)),
  );
  perms.request = vi.fn(async ({ origins }: { origins: string[] }) => {
    if (answer) for (const o of origins) granted.add(o);
    return answer;
  });
  const events = () => ({ addListener: vi.fn(), removeListener: vi.fn() });
  perms.onAdded = events();
  perms.onRemoved = events();
  document.body.innerHTML = '';
});

async function mount() {
  const root = document.createElement('div');
  document.body.append(root);
  render(<PartnerList />, root as unknown as Element);
  for (let i = 0; i < 20 && !root.querySelector('[data-partner-id="demo-shop"]'); i++)
    await flush();
  return root;
}

async function turnOn(root: Element) {
  const box = root.querySelector<HTMLInputElement>('[data-partner-id="demo-shop"] input')!;
  box.checked = true;
  box.dispatchEvent(new window.Event('change', { bubbles: true }) as unknown as Event);
  await flush();
  await flush();
}

describe('the settings when the user declines a partner’s site access', () => {
  for (const [locale, text, retry] of [
    [
      'en',
      'Your browser did not allow Pointpilot on Demo Shop, so purchases there are not collected.',
      'Try again',
    ],
    [
      'de',
      'Dein Browser hat Pointpilot den Zugriff auf Demo Shop nicht erlaubt, deshalb werden Käufe dort nicht erfasst.',
      'Erneut versuchen',
    ],
  ] as const) {
    it(`says so plainly and offers to try again (${locale})`, async () => {
      useLocale(locale);
      const root = await mount();
      await turnOn(root);
      const row = root.querySelector('[data-partner-id="demo-shop"]')!;
      expect(row.getAttribute('data-access')).toBe('denied');
      expect(row.querySelector('[data-testid="access-problem"]')?.textContent).toBe(text);
      expect(row.querySelector('input')?.checked).toBe(false);
      const again = row.querySelector<HTMLButtonElement>('[data-testid="allow-again"]')!;
      expect(again.textContent).toBe(retry);

      // Saying yes the second time turns it on and the message goes.
      answer = true;
      again.dispatchEvent(new window.Event('click', { bubbles: true }) as unknown as Event);
      await flush();
      await flush();
      const after = root.querySelector('[data-partner-id="demo-shop"]')!;
      expect(after.getAttribute('data-access')).toBe('on');
      expect(after.querySelector('[data-testid="access-problem"]')).toBeNull();
    });
  }
});
