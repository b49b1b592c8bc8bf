import type { Worker } from '@playwright/test';
import { decodeCode128, decodeQr, pngPixels } from '../tests/e2e/card-decode';
import type { PopupPage } from '../tests/e2e/pages/popup';

/**
 * The demo's member card: the welcome journey's checklist as Home shows it
 * (gone once every step is done), then the Card section, its screenshot, and
 * both codes read back from pixels by decoding libraries, as a till would.
 */
export async function showMemberCard(
  popup: PopupPage,
  worker: Worker,
  out: string,
  step: (text: string) => void,
): Promise<void> {
  await popup.openHome();
  const checklist = popup.page.getByTestId('first-steps');
  if (await checklist.count()) {
    const done = await popup.page
      .locator('[data-testid="first-step"][data-done="true"]')
      .allTextContents();
    console.log(
      `  first steps: ${await popup.textOf(checklist.getByTestId('first-steps-progress'))} (${done.map((d) => d.replace(/\s+/g, ' ').trim()).join('; ')})`,
    );
  } else console.log('  first steps: all done, the checklist is gone');

  step('Shopper opens the member card to show it at a till…');
  await popup.page.getByTestId('tab-card').click();
  const qr = popup.page.getByTestId('card-qr');
  await qr.waitFor();
  await popup.page.screenshot({ path: `${out}/popup-card.png`, fullPage: true });
  const stored = await worker.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      }
    ).chrome;
    const got = (await c.storage.local.get('account')) as {
      account?: { member?: { memberNumber?: string } };
    };
    return got.account?.member?.memberNumber ?? '';
  });
  const shown = ((await popup.page.getByTestId('card-number').textContent()) ?? '').replace(
    /\s/g,
    '',
  );
  const fromQr = decodeQr(pngPixels(await qr.screenshot()));
  const fromBarcode = decodeCode128(
    pngPixels(await popup.page.getByTestId('card-barcode').screenshot()),
  );
  console.log(`  member number ${stored}; printed under the barcode: ${shown}`);
  console.log(
    `  the QR code decodes to ${fromQr ?? '(nothing)'}, the Code 128 barcode to ${fromBarcode ?? '(nothing)'}`,
  );
  if (!stored || shown !== stored || fromQr !== stored || fromBarcode !== stored)
    throw new Error('the member card does not read back as the member number');
  console.log(`  screenshot: ${out}/popup-card.png`);
  // Back where the demo's next steps expect the popup.
  await popup.openHome();
}
