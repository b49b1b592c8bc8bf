import type { BrowserContext, Page } from '@playwright/test';

interface CdpNode {
  nodeId: number;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function find(node: CdpNode, id: string): CdpNode | undefined {
  const attrs = node.attributes ?? [];
  for (let i = 0; i < attrs.length; i += 2)
    if (attrs[i] === 'id' && attrs[i + 1] === id) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const hit = find(child, id);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Hands the test (only the test, and after the page's own scripts had their
 * go) the closed shadow root of `#hostId`: the DevTools protocol sees every
 * shadow root, so it defines `host.shadowRoot` in the page's world. axe and
 * page.evaluate can then audit and read the real banner as rendered.
 * Returns false when there is no such element or it has no shadow root.
 */
export async function exposeClosedShadow(
  context: BrowserContext,
  page: Page,
  hostId: string,
): Promise<boolean> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: CdpNode;
    };
    const host = find(root, hostId);
    const shadow = host?.shadowRoots?.[0];
    if (!host || !shadow) return false;
    const hostObj = await cdp.send('DOM.resolveNode', { nodeId: host.nodeId });
    const shadowObj = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    await cdp.send('Runtime.callFunctionOn', {
      objectId: hostObj.object.objectId,
      functionDeclaration:
        'function (root) { Object.defineProperty(this, "shadowRoot", { configurable: true, get: () => root }); }',
      arguments: [{ objectId: shadowObj.object.objectId }],
    });
    return true;
  } finally {
    await cdp.detach();
  }
}

/** What the banner looks like: every element's text and the computed styles that make it seen. */
export interface BannerLook {
  texts: string[];
  host: Record<string, string>;
  elements: { tag: string; text: string; style: Record<string, string> }[];
}

export const LOOK_PROPS = [
  'display',
  'visibility',
  'opacity',
  'position',
  'z-index',
  'transform',
  'filter',
  'clip-path',
  'pointer-events',
  'color',
  'background-color',
  'border-top-color',
  'border-top-style',
  'font-size',
  'font-family',
  'letter-spacing',
  'text-transform',
  'direction',
  'zoom',
  'width',
  'height',
];

/** Reads the exposed banner (after exposeClosedShadow). */
export function bannerLook(page: Page, hostId: string): Promise<BannerLook> {
  return page.evaluate(
    async ({ hostId, props }) => {
      const host = document.getElementById(hostId)!;
      // Read it at rest, not halfway through its fade-in.
      await Promise.all(host.shadowRoot!.getAnimations().map((a) => a.finished));
      // No named helpers in here: the demo runs this through tsx, whose name helpers the page lacks.
      const root = host.shadowRoot!;
      const elements = Array.from(root.querySelectorAll('*'))
        .filter((el) => el.tagName !== 'STYLE')
        .map((el) => ({
          tag: el.tagName.toLowerCase(),
          // Only what can be seen: a hidden button's label is no text on screen.
          text:
            el.childElementCount === 0 && el.checkVisibility() ? (el.textContent ?? '').trim() : '',
          style: Object.fromEntries(
            props.map((p) => [p, getComputedStyle(el).getPropertyValue(p)]),
          ) as Record<string, string>,
        }));
      return {
        texts: elements.filter((e) => e.text).map((e) => e.text),
        host: Object.fromEntries(
          props.map((p) => [p, getComputedStyle(host).getPropertyValue(p)]),
        ) as Record<string, string>,
        elements,
      };
    },
    { hostId, props: LOOK_PROPS },
  );
}

/** The text of the element focused inside the exposed shadow root ('' when focus is elsewhere). */
export function focusedInShadow(page: Page, hostId: string): Promise<string> {
  return page.evaluate((hostId) => {
    const host = document.getElementById(hostId);
    if (!host || document.activeElement !== host) return '';
    const el = host.shadowRoot?.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  }, hostId);
}
