import { execFileSync } from 'node:child_process';
import { DEV_OPERATOR_TOKEN } from '../server/settings';
import type { Backend } from '../tests/e2e/backend';
import type { PopupPage } from '../tests/e2e/pages/popup';

/**
 * The demo's referral and Plus part: prints the member's referral code and
 * share link from the popup's "Invite friends" card, then plays the
 * operator's billing system setting Plus for 30 days. The popup learns of
 * the plan at its next program refresh: `pendingOrder` (an order still
 * waiting) is confirmed by the partner to bring one at once — and shows the
 * rule that the plan of the purchase time decides (bought before Plus: no
 * Plus points). Without it, the server's answer is printed instead.
 */
export async function showReferralAndPlus(
  popup: PopupPage,
  backend: Backend,
  token: string,
  step: (text: string) => void,
  pendingOrder?: { orderNo: string; email: string },
): Promise<void> {
  await popup.openHome();
  const card = popup.page.getByTestId('referral-card');
  await card.waitFor();
  step('Invite friends: the member’s referral code and share link');
  console.log(`  code ${await popup.textOf(card.getByTestId('referral-code'))}`);
  console.log(`  link ${await popup.textOf(card.getByTestId('referral-link'))}`);
  console.log(`  ${await popup.textOf(card.getByTestId('referral-count'))}`);

  const me = (await (
    await fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { member: { memberNumber: string } };
  const endsAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  step(`The operator's billing system sets Plus until ${endsAt.slice(0, 10)}…`);
  const res = await fetch(`${backend.url}/v1/operator/members/${me.member.memberNumber}/plan`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${DEV_OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ plan: 'plus', endsAt, reference: 'demo-subscription-1' }),
  });
  if (!res.ok) throw new Error(`setting Plus: ${res.status} ${await res.text()}`);
  const set = (await res.json()) as { plan: { multiplier: number; endsAt: string } };
  console.log(`  the server: Plus ×${set.plan.multiplier} until ${set.plan.endsAt}`);
  if (!pendingOrder) return;

  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/partner.ts',
      'confirm',
      'demo-shop',
      pendingOrder.orderNo,
      '--buyer-email',
      pendingOrder.email,
      '--server',
      backend.url,
    ],
    { stdio: 'ignore' },
  );
  const plan = popup.page.getByTestId('plan-card');
  await plan.waitFor({ timeout: 30_000 });
  console.log(`  the popup: ${await popup.textOf(plan)}`);
  console.log(
    `  order ${pendingOrder.orderNo}, bought before Plus, confirmed now: ${await popup.textOf(
      popup.entryFor(pendingOrder.orderNo).getByTestId('entry-points'),
    )} (no Plus points: the plan of the purchase time decides)`,
  );
}
