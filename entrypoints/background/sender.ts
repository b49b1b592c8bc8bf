import { browser } from 'wxt/browser';

/** True for our own extension pages (popup, options, onboarding) — never a content script or web page. */
export function isOwnPage(sender: { id?: string; url?: string }): boolean {
  return (
    sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')))
  );
}
