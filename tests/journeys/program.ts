/**
 * The program's journeys (coupons, tiers, rewards, surveys), run by both e2e
 * suites on whatever browser they launched.
 */
import { expect } from '@playwright/test';
import type { Backend } from '../e2e/backend';
import { partnerCli, serverView } from '../e2e/server-view';
import { buyAt, pointsFor, signInThroughSettings } from './core';
import { expectNoViolations } from './keyboard-axe';
import {
  attributeOf,
  entryFor,
  entryRows,
  openPopup,
  openSection,
  popupSel,
  textOf,
} from './popup';
import type { ExtensionBrowser } from './ui';

const en = (n: number) => n.toLocaleString('en-US');

/**
 * Activate the 10× coupon, buy, the partner confirms: multiplied points
 * (estimated while pending, the same figure confirmed), Silver reached, a
 * €5.00 voucher redeemed into the wallet; the server agrees.
 */
export async function couponTierReward(
  b: ExtensionBrowser,
  backend: Backend,
  shopUrl: string,
): Promise<void> {
  const email = `${b.name}-program@example.de`;
  const { token } = await signInThroughSettings(b, backend, email);
  const popup = await openPopup(b);
  await expect.poll(() => textOf(popup, popupSel.tierName)).toBe('Blue');

  await openSection(popup, 'coupons');
  const coupon = popupSel.coupon('demo-shop-10x');
  await popup.waitFor(coupon);
  expect(await textOf(popup, coupon)).toContain('10× points at Demo Shop');
  await popup.click(`${coupon} button`);
  await expect.poll(() => attributeOf(popup, coupon, 'data-state')).toBe('activated');
  await expectNoViolations(popup, 'popup coupons');

  const page = await b.newPage();
  const order = await buyAt(page, shopUrl, 'handmuehle.1', email);
  const points = pointsFor(order.totalMinor) * 10;
  expect(points).toBeGreaterThanOrEqual(1000); // enough for Silver
  await openSection(popup, 'home');
  await expect
    .poll(async () => (await entryFor(popup, order.orderNo))?.points)
    .toBe(`about ${en(points)} points`);
  partnerCli(backend, 'confirm', 'demo-shop', order.orderNo, '--buyer-email', email);
  await expect
    .poll(() => entryFor(popup, order.orderNo), { timeout: 30_000 })
    .toMatchObject({ status: 'confirmed', points: `${en(points)} points` });
  await expect.poll(() => textOf(popup, popupSel.available)).toBe(en(points + 500));
  await expect.poll(() => textOf(popup, popupSel.tierName)).toBe('Silver');

  await openSection(popup, 'rewards');
  await popup.click(`${popupSel.reward('demo-shop-5')} button`);
  await popup.waitFor(popupSel.redeemYes);
  expect(await textOf(popup, popupSel.redeemYes)).toBe('Redeem for 500 points');
  await popup.click(popupSel.redeemYes);
  await expect.poll(async () => (await popup.texts(popupSel.voucherCode)).length).toBe(1);
  expect((await popup.texts(popupSel.voucherCode))[0]).toMatch(/\S{4,}/);
  await expect.poll(() => textOf(popup, popupSel.available)).toBe(en(points));
  await expectNoViolations(popup, 'popup rewards and wallet');
  expect((await serverView(backend, token)).balance.available).toBe(points);
}

/**
 * The welcome survey: four questions (the third shown because of the first
 * answer), submitted once, credited by the server with its 50 points, and
 * the first badge on the card.
 */
export async function welcomeSurvey(b: ExtensionBrowser, backend: Backend): Promise<void> {
  const { token } = await signInThroughSettings(b, backend, `${b.name}-survey@example.de`);
  const popup = await openPopup(b);
  const card = `${popupSel.surveyCard}[data-survey-id="welcome"]`;
  await popup.waitFor(card);
  expect(await textOf(popup, popupSel.surveyReward)).toBe('Earn 50 points · 4 questions');
  await popup.click(popupSel.surveyStart);
  const q = popupSel.surveyQuestion;
  const steps: [string, () => Promise<void>][] = [
    ['How often do you shop online?', () => popup.click(`${q} input[value="monthly"]`)],
    [
      '',
      async () => {
        await popup.click(`${q} input[value="books"]`);
        await popup.click(`${q} input[value="travel"]`);
      },
    ],
    ['', () => popup.click(`${q} input[value="4"]`)],
    ['', () => popup.fill(`${q} input, ${q} textarea`, 'More partner shops, please')],
  ];
  for (const [i, [title, answer]] of steps.entries()) {
    await expect
      .poll(() => attributeOf(popup, popupSel.surveyProgressBar, 'value'))
      .toBe(String(i + 1));
    expect(await attributeOf(popup, popupSel.surveyProgressBar, 'max')).toBe('4');
    if (title) expect(await textOf(popup, popupSel.surveyTitle)).toBe(title);
    await answer();
    await popup.click(i < steps.length - 1 ? popupSel.surveyNext : popupSel.surveySubmit);
  }
  await popup.waitFor(popupSel.surveyThanks);
  expect(await textOf(popup, popupSel.surveyThanks)).toContain('50 points');
  await expect
    .poll(
      async () => (await entryRows(popup)).find((r) => r.text.includes('Welcome to Pointpilot')),
      {
        timeout: 30_000,
      },
    )
    .toMatchObject({ status: 'confirmed', points: '50 points' });
  await popup.click(popupSel.surveyDone);
  await expect.poll(() => popup.texts(popupSel.surveyBadges)).toEqual(['First survey']);
  await expectNoViolations(popup, 'popup after the survey');
  // The server credited it once.
  const view = await serverView(backend, token);
  expect(view.balance.available + view.balance.pending).toBe(550);
}
