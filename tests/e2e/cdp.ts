import type { BrowserContext, Page } from '@playwright/test';

export interface WorldInfo {
  id: number;
  name: string;
  type: string;
  origin: string;
}

/**
 * The JavaScript worlds (execution contexts) of a page's main frame, from the
 * DevTools protocol. An extension's content script shows up as an isolated
 * world named after the extension — the ground truth for "did it run here".
 */
export async function worldsOf(context: BrowserContext, page: Page): Promise<WorldInfo[]> {
  const cdp = await context.newCDPSession(page);
  const worlds: WorldInfo[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
    worlds.push({ id: c.id, name: c.name, type: c.auxData?.type ?? '', origin: c.origin });
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.disable');
  await cdp.detach();
  return worlds;
}

/** Runs an expression inside a given world of the page (e.g. the content script's). */
export async function evaluateInWorld(
  context: BrowserContext,
  page: Page,
  worldName: string,
  expression: string,
): Promise<unknown> {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) =>
    worlds.push({ id: c.id, name: c.name }),
  );
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.name === worldName);
  if (!world) throw new Error(`no world named ${worldName}`);
  const result = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
  return result.result.value;
}

/** Stops the extension's service worker the way Chrome does when it is idle. */
export async function stopServiceWorker(context: BrowserContext, page?: Page): Promise<void> {
  const on = page ?? (await context.newPage());
  const cdp = await context.newCDPSession(on);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The stop is done; a session the browser already dropped (a page mid-navigation) needs no detach.
  await cdp.detach().catch(() => undefined);
  if (!page) await on.close();
}
