import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { pointsText, rateText, t, uiLocale } from '@/components/i18n';
import { parseActivations, activeUntil as untilOf } from '@/utils/banner/activation';
import { productPrice } from '@/utils/detect/product-offer';
import { previewPoints } from '@/utils/loyalty/preview';
import { type BannerInfo, sendMessage } from '@/utils/messaging';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import css from './banner.css?inline';

export const BANNER_ID = 'pointpilot-banner';
const ACTIVATIONS = STORAGE_KEYS.activations;

/**
 * The one quiet banner on an enabled partner's page: the rate, a points
 * preview on a product page, *Activate* where the partner needs it, and
 * close (for a while) or never on this site. A closed shadow root: the page
 * can neither restyle nor read it, and only trusted (user) clicks count.
 */
export function showBanner(ctx: ContentScriptContext, info: BannerInfo): void {
  if (info.hidden || document.getElementById(BANNER_ID)) return;
  const host = document.createElement('div');
  host.id = BANNER_ID;
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const box = el('aside', 'b');
  box.setAttribute('aria-label', t('bannerLabel'));
  if (info.theme !== 'system') box.dataset.theme = info.theme;

  const { partner } = info;
  const rate = rateText(partner.earn.pointsPerUnit, partner.earn.currency);
  const message = el('p', 'title');
  const actions = el('div', 'actions');
  let activeUntil = info.activeUntil;
  const render = () => {
    const needsClick = partner.requiresActivation && activeUntil === null;
    message.textContent = needsClick
      ? t('bannerNeedsActivation', rate)
      : activeUntil !== null
        ? t('bannerActiveUntil', rate, timeText(activeUntil))
        : t('bannerCollects', rate);
    activate.hidden = !needsClick;
  };

  const activate = button(t('bannerActivate'), 'primary', async () => {
    const reply = await sendMessage('activatePartner', undefined).catch(() => null);
    if (!reply) return;
    activeUntil = reply.activeUntil;
    render();
    close.focus();
  });
  const never = button(t('bannerNever'), '', () => closeBanner(true));
  const close = button('×', 'close', () => closeBanner(false));
  close.setAttribute('aria-label', t('bannerDismiss'));
  close.title = t('bannerDismiss');
  actions.append(activate, never, close);

  box.append(message);
  const price = productPrice(document);
  const points = price ? previewPoints(price, info.rules) : null;
  if (points !== null) {
    const preview = el('p', 'preview');
    preview.textContent = t('bannerPreview', pointsText(points));
    box.append(preview);
  }
  box.append(actions);
  render();
  root.append(style, box);
  document.documentElement.append(host);

  // Activated from the popup meanwhile: the banner follows (same storage as ours).
  const changed = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(ACTIVATIONS in changes)) return;
    activeUntil = untilOf(parseActivations(changes[ACTIVATIONS]?.newValue), partner, Date.now());
    render();
  };
  browser.storage.onChanged.addListener(changed);

  function closeBanner(forGood: boolean) {
    host.remove();
    browser.storage.onChanged.removeListener(changed);
    void sendMessage('dismissBanner', { never: forGood }).catch(() => undefined);
  }
  ctx.onInvalidated(() => {
    host.remove();
    browser.storage.onChanged.removeListener(changed);
  });
}

export function hideBanner(): void {
  document.getElementById(BANNER_ID)?.remove();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** A button that acts on real user input only: a page script's synthetic click does nothing. */
function button(label: string, className: string, act: () => void | Promise<void>) {
  const b = el('button', className);
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', (event) => {
    if (event.isTrusted) void act();
  });
  return b;
}

/** "14:30" today, "Tue 14:30" on another day (an activation lasts up to 30 days). */
function timeText(at: number): string {
  const sameDay = new Date(at).toDateString() === new Date().toDateString();
  const opts: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'short' }
    : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(uiLocale(), opts).format(at);
}
