import { browser } from 'wxt/browser';
import type { Partner } from '@/utils/contract';
import {
  HINT_ICON_SIZES,
  HINT_RULE_ID,
  type HintUrlFilter,
  hintIconPath,
  hintRules,
} from '@/utils/partners/hint-rules';

/**
 * Chrome's toolbar hint on partner shops the user has not enabled: the icon
 * with a small dot (public/icon/hint-*.png). It is a chrome.declarativeContent
 * rule on the partners' hosts, applied by the browser itself, so Pointpilot
 * never learns which page is open (no "tabs", no host access needed).
 *
 * Firefox has no declarativeContent: nothing happens there; its popup says
 * "… is a partner shop. Enable it to collect points here." (CurrentSite).
 */

/** The parts of chrome.declarativeContent used here (the polyfill's types have none of it). */
interface DeclarativeContent {
  PageStateMatcher: new (o: { pageUrl: HintUrlFilter }) => object;
  SetIcon: new (o: { imageData: Record<number, ImageData> }) => object;
  onPageChanged: {
    addRules(
      rules: { id: string; conditions: object[]; actions: object[] }[],
      cb: () => void,
    ): void;
    removeRules(ids: string[], cb: () => void): void;
  };
}
interface ChromeGlobal {
  declarativeContent?: DeclarativeContent;
  runtime: { lastError?: { message?: string } };
}

const chromeApi = () => (globalThis as { chrome?: ChromeGlobal }).chrome;

/** The rule API takes callbacks, not promises; errors arrive in runtime.lastError. */
function call(run: (done: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) =>
    run(() => {
      const err = chromeApi()?.runtime.lastError;
      if (err) reject(new Error(err.message));
      else resolve();
    }),
  );
}

/**
 * SetIcon takes image data, not a path (a path needs a DOM to decode, which a
 * service worker lacks): the PNGs decoded with createImageBitmap and read
 * back through an OffscreenCanvas. Once per worker life.
 */
let images: Promise<Record<number, ImageData>> | undefined;
function hintImages(): Promise<Record<number, ImageData>> {
  images ??= Promise.all(
    HINT_ICON_SIZES.map(async (size) => {
      const res = await fetch(browser.runtime.getURL(`/${hintIconPath(size)}`));
      const bitmap = await createImageBitmap(await res.blob());
      const ctx = new OffscreenCanvas(size, size).getContext('2d');
      if (!ctx) throw new Error('no 2d context in this worker');
      ctx.drawImage(bitmap, 0, 0, size, size);
      return [size, ctx.getImageData(0, 0, size, size)] as const;
    }),
  ).then(Object.fromEntries);
  images.catch(() => {
    images = undefined; // try again next time
  });
  return images;
}

async function apply(partners: readonly Partner[], enabledIds: ReadonlySet<string>) {
  const dc = chromeApi()?.declarativeContent;
  if (!dc) return;
  const rules = hintRules(partners, enabledIds);
  await call((done) => dc.onPageChanged.removeRules([HINT_RULE_ID], done));
  if (rules.length === 0) return;
  const imageData = await hintImages();
  await call((done) =>
    dc.onPageChanged.addRules(
      rules.map((r) => ({
        id: r.id,
        conditions: r.conditions.map((pageUrl) => new dc.PageStateMatcher({ pageUrl })),
        actions: [new dc.SetIcon({ imageData })],
      })),
      done,
    ),
  );
}

let queue: Promise<void> = Promise.resolve();

/**
 * Replaces our rule with one for the partners not in `enabledIds` (none when
 * all are on). Calls run one after another, as two overlapping remove+add
 * pairs would add the same rule id twice. The hint is a nicety: a failure is
 * logged, never thrown into the content-script sync that calls this.
 */
export function updatePartnerHints(
  partners: readonly Partner[],
  enabledIds: ReadonlySet<string>,
): Promise<void> {
  queue = queue
    .then(() => apply(partners, enabledIds))
    .catch((err) => console.warn('[pointpilot] partner hint not updated', err));
  return queue;
}
