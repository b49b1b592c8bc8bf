import { browser } from 'wxt/browser';

/**
 * URL of the tab the popup is about. Without the `tabs` permission the URL is
 * only visible for sites we were granted (partners) or via activeTab — which
 * is all we need. When the popup page is itself open in a tab (as in tests),
 * the most recently used other tab stands in for "the current one".
 */
export async function currentTabUrl(): Promise<string | undefined> {
  const tabs = await browser.tabs.query({ currentWindow: true });
  const own = browser.runtime.getURL('/');
  const candidates = tabs
    .filter((tab) => !tab.url?.startsWith(own))
    .sort(
      (a, b) =>
        Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0),
    );
  const active = tabs.find((tab) => tab.active);
  if (active && !active.url?.startsWith(own)) return active.url;
  return candidates[0]?.url;
}
