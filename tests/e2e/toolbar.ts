import type { Worker } from '@playwright/test';

/** The toolbar badge and title of the tab showing `url`, as the browser holds them. */
export function badgeOf(worker: Worker, url: string) {
  return worker.evaluate(async (url) => {
    type Tabs = { query(q: { url: string }): Promise<{ id: number }[]> };
    type Action = {
      getBadgeText(d: { tabId: number }): Promise<string>;
      getTitle(d: { tabId: number }): Promise<string>;
    };
    const c = (globalThis as unknown as { chrome: { tabs: Tabs; action: Action } }).chrome;
    const [tab] = await c.tabs.query({ url });
    if (!tab) return null;
    return {
      text: await c.action.getBadgeText({ tabId: tab.id }),
      title: await c.action.getTitle({ tabId: tab.id }),
    };
  }, url);
}
