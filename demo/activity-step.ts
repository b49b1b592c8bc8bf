import { readFileSync, writeFileSync } from 'node:fs';
import type { OptionsPage } from '../tests/e2e/pages/options';
import type { PopupPage } from '../tests/e2e/pages/popup';

/**
 * The demo's activity part: the popup's Activity filtered to rewards (points
 * spent), then "Export activity (CSV)" on the options page, saved as
 * `${out}/activity.csv`; prints what the filter shows and the file's first lines.
 */
export async function exportActivity(
  popup: PopupPage,
  options: OptionsPage,
  out: string,
  step: (text: string) => void,
): Promise<void> {
  step('Shopper filters the activity to rewards, then exports it as CSV from the settings…');
  await popup.page.bringToFront();
  await popup.openActivity();
  const kind = popup.page.getByLabel('Kind', { exact: true });
  await kind.selectOption({ label: 'Rewards (points spent)' });
  // The count once the filter applied, or "No entries match" when there are none.
  const shown = popup.page
    .locator('[data-testid="activity-count"]:not(:empty), [data-testid="activity-empty"]')
    .first();
  await shown.waitFor();
  console.log(`  filtered: ${await popup.textOf(shown)}`);
  for (const entry of await popup.entries.all()) console.log(`    ${await popup.textOf(entry)}`);
  await kind.selectOption({ label: 'All kinds' });

  await options.page.bringToFront();
  const [download] = await Promise.all([
    options.page.waitForEvent('download'),
    options.page.getByRole('button', { name: 'Export activity (CSV)' }).click(),
  ]);
  const path = `${out}/activity.csv`;
  // The file as the shopper gets it; the byte order mark is only for Excel.
  const text = readFileSync((await download.path()) as string, 'utf8');
  writeFileSync(path, text);
  const lines = text.replace(/^\ufeff/, '').split('\r\n');
  console.log(`  ${download.suggestedFilename()} → ${path}, first lines:`);
  for (const line of lines.slice(0, 5)) console.log(`    ${line}`);
}
