import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { NotificationSettings } from '../../../components/NotificationSettings';
import { DEFAULT_NOTIFY_PREFS } from '../../../utils/notify/prefs';
import { STORAGE_KEYS } from '../../../utils/storage-keys';
import { useLocale } from '../i18n-fake';

const { document, window } = parseHTML('<!doctype html><html><body></body></html>');
Object.assign(globalThis, { document, window, Event: window.Event });

const flush = () => new Promise((r) => setTimeout(r, 20));
const stored = async () =>
  (await fakeBrowser.storage.local.get(STORAGE_KEYS.notifyPrefs))[STORAGE_KEYS.notifyPrefs];

async function mount(locale: 'en' | 'de' = 'en') {
  useLocale(locale);
  document.body.innerHTML = '';
  const root = document.createElement('div');
  document.body.append(root);
  render(<NotificationSettings />, root);
  await flush();
  return root;
}

/** The input inside the label whose text starts with `text`. */
function field(root: Element, text: string): HTMLInputElement {
  const label = [...root.querySelectorAll('label')].find((l) =>
    (l.textContent ?? '').trim().startsWith(text),
  );
  const input = label?.querySelector('input');
  if (!input) throw new Error(`no field labelled "${text}"`);
  return input as HTMLInputElement;
}

/** linkedom has no `checked` property: Preact then writes the attribute. */
const isChecked = (i: HTMLInputElement) => i.checked ?? i.hasAttribute('checked');

function change(input: HTMLInputElement, value: string | boolean) {
  if (typeof value === 'boolean') input.checked = value;
  else input.value = value;
  input.dispatchEvent(new window.Event('change', { bubbles: true }));
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('notification settings', () => {
  it('shows the defaults, every control with its label', async () => {
    const root = await mount();
    expect(isChecked(field(root, 'Show notifications'))).toBe(true);
    expect(isChecked(field(root, 'points are confirmed'))).toBe(true);
    expect(isChecked(field(root, 'an activated coupon'))).toBe(true);
    expect(isChecked(field(root, 'a purchase is recorded'))).toBe(false);
    expect(field(root, 'At most this many a day').value).toBe('3');
    expect(field(root, 'From').type).toBe('time');
    expect(field(root, 'From').value).toBe('22:00');
    expect(field(root, 'Until').value).toBe('08:00');
  });

  it('saves each change, quiet hours across midnight included', async () => {
    const root = await mount();
    change(field(root, 'a purchase is recorded'), true);
    await flush();
    change(field(root, 'From'), '23:15');
    await flush();
    change(field(root, 'Until'), '06:45');
    await flush();
    expect(await stored()).toEqual({
      ...DEFAULT_NOTIFY_PREFS,
      events: { ...DEFAULT_NOTIFY_PREFS.events, recorded: true },
      quietHours: { enabled: true, from: '23:15', to: '06:45' },
    });
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved.');
  });

  it('the one switch turns everything off and greys out the rest', async () => {
    const root = await mount();
    change(field(root, 'Show notifications'), false);
    await flush();
    expect((await stored()) as { enabled: boolean }).toMatchObject({ enabled: false });
    for (const f of root.querySelectorAll('fieldset'))
      expect(f.hasAttribute('disabled')).toBe(true);
  });

  it('a daily limit out of range is not saved', async () => {
    const root = await mount();
    change(field(root, 'At most this many a day'), '0');
    await flush();
    expect(await stored()).toBeUndefined();
  });

  it('speaks German', async () => {
    const root = await mount('de');
    expect(root.querySelector('h2')?.textContent).toBe('Benachrichtigungen');
    expect(isChecked(field(root, 'Benachrichtigungen anzeigen'))).toBe(true);
    expect(field(root, 'Von').value).toBe('22:00');
  });
});
