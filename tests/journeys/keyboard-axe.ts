/** Keyboard use and axe on an extension page, the same in both browsers. */
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { popupSel } from './popup';
import type { UiPage } from './ui';

const AXE_SOURCE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** axe on the page as it is (axe-core injected as a script source, so any driver can run it). */
export async function axeViolations(
  page: UiPage,
): Promise<{ violations: string[]; passed: number }> {
  await page.addScript(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { id: string; nodes: { target: unknown }[] };
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: Result[]; passes: Result[] }> };
      }
    ).axe;
    const r = await axe.run();
    return {
      violations: r.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
      ),
      passed: r.passes.length,
    };
  });
}

export async function expectNoViolations(page: UiPage, what: string): Promise<void> {
  const axe = await axeViolations(page);
  expect(axe.violations, what).toEqual([]);
  // A page axe could not read would "pass" with nothing checked.
  expect(axe.passed, what).toBeGreaterThan(10);
}

const focusedTestId = (page: UiPage) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Presses Tab until the element with `testId` has the focus (keyboard only). */
export async function tabTo(page: UiPage, testId: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if ((await focusedTestId(page)) === testId) return;
    await page.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** Tab reaches the section tabs, the arrow keys move between them, Enter opens one; then axe. */
export async function popupByKeyboard(popup: UiPage): Promise<void> {
  await popup.bringToFront();
  await tabTo(popup, 'tab-home');
  await popup.press('ArrowRight');
  expect(await focusedTestId(popup)).toBe('tab-activity');
  await popup.press('Enter');
  await popup.waitFor(popupSel.panel('activity'));
  await popup.press('ArrowLeft');
  expect(await focusedTestId(popup)).toBe('tab-home');
  await expectNoViolations(popup, 'popup activity');
}
