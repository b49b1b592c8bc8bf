import type { PopupPage } from '../tests/e2e/pages/popup';

/**
 * The demo's donation part: in the popup's Rewards section the shopper
 * donates `points` confirmed points to the first cause ("Plant trees"),
 * confirms, and waits for the server's answer. Prints the balance before and
 * after, the receipt line in Activity and the "you donated" total; a
 * screenshot goes to `${out}/popup-donation.png`. The popup must be in English.
 */
export async function donatePoints(
  popup: PopupPage,
  out: string,
  step: (text: string) => void,
  points = 200,
): Promise<void> {
  await popup.openRewards();
  const donate = popup.page.getByTestId('donate');
  await donate.waitFor();
  const before = await popup.textOf(popup.available);
  const total = donate.getByTestId('donated-total');
  // The total so far, so the wait below is for this donation's answer, not an earlier one.
  const given = (await total.count()) ? Number((await total.textContent())?.replace(/\D/g, '')) : 0;
  const expected = `You donated ${(given + points).toLocaleString('en-US')} points`;
  const cause = (
    await donate.getByRole('combobox').locator('option:checked').textContent()
  )?.trim();
  step(`Shopper donates ${points} points to "${cause}" (balance before: ${before} available)…`);
  await donate.getByRole('spinbutton').fill(String(points));
  await donate.getByRole('button', { name: 'Donate', exact: true }).click();
  const confirm = popup.page.getByTestId('donate-confirm');
  console.log(`  asked first: "${await popup.textOf(confirm.locator('p').first())}"`);
  await confirm.getByRole('button', { name: /^Donate / }).click();
  // "Donating…" until the server answers; then the total includes this donation.
  await total.filter({ hasText: expected }).waitFor({ timeout: 30_000 });
  const after = (Number(before.replace(/\D/g, '')) - points).toLocaleString('en-US');
  await popup.available.filter({ hasText: new RegExp(`^${after}$`) }).waitFor();
  console.log(`  balance after: ${await popup.textOf(popup.available)} available`);
  console.log(`  on the Rewards page: "${await popup.textOf(total)}"`);
  await popup.page.screenshot({ path: `${out}/popup-donation.png`, fullPage: true });
  await popup.openActivity();
  const receipt = popup.entries
    .filter({ hasText: `Donated ${points.toLocaleString('en-US')} points to` })
    .first();
  await receipt.waitFor();
  console.log(`  in Activity: ${await popup.textOf(receipt)}`);
}
