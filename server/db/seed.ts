import { Partner, type PartnerInput } from '../../utils/contract';
import { bundledPartners } from '../../utils/partners/catalogue';
import { luhnDigit } from '../services/member-number';
import { ensureMember } from '../services/members';
import { upsertPartner } from '../services/partners';
import { grantWelcomeBonus } from '../services/welcome';
import type { Db } from './schema';
import { seedCauses } from './seed-causes';
import { seedTiersAndCoupons } from './seed-coupons';
import { seedRewards } from './seed-rewards';
import { seedSurveys } from './seed-surveys';
import { inTx } from './tx';

export const DEMO_EMAIL = 'demo@pointpilot.test';
/** Fixed so the demo card and docs can show it; Luhn-valid. */
export const DEMO_MEMBER_NUMBER = `700000000000000${luhnDigit('700000000000000')}`;

const OTHER_PARTNERS: PartnerInput[] = [
  {
    id: 'book-corner',
    name: 'Book Corner',
    domains: ['bookcorner.example'],
    earn: { pointsPerUnit: 1, currency: 'EUR' },
    confirmationDays: 30,
  },
  {
    id: 'green-grocer',
    name: 'Green Grocer',
    domains: ['greengrocer.example'],
    earn: { pointsPerUnit: 3, currency: 'EUR' },
    confirmationDays: 7,
    rules: [
      {
        urlPattern: '/checkout/thank-you',
        orderRef: { selector: '.order-number', regex: '#(\\w+)' },
        total: { selector: '.order-total' },
        currency: 'EUR',
      },
    ],
  },
  {
    id: 'travel-hub',
    name: 'Travel Hub',
    domains: ['travelhub.example'],
    earn: { pointsPerUnit: 0.5, currency: 'EUR' },
    requiresActivation: true,
    // Travel is confirmed after the trip.
    confirmationDays: 60,
  },
];

/**
 * The demo program: partners (demo-shop as bundled in the extension, with the
 * same id), tiers, coupons, surveys and the demo member with a welcome bonus.
 * Safe to run again: everything is an upsert or keyed by a fixed id.
 */
export async function seedDemo(
  db: Db,
  opts: { demoPartnerSecret: string; demoPartnerClaimsPerHour?: number },
): Promise<void> {
  await inTx(db, async (trx) => {
    const demo = bundledPartners.find((p) => p.id === 'demo-shop');
    if (!demo) throw new Error('demo-shop missing from the bundled catalogue');
    await upsertPartner(trx, demo, opts.demoPartnerSecret, opts.demoPartnerClaimsPerHour ?? 50);
    for (const p of OTHER_PARTNERS) {
      await upsertPartner(trx, Partner.parse(p), `${p.id}-dev-secret-0123456789`);
    }
    await seedTiersAndCoupons(trx);
    await seedRewards(trx);
    await seedSurveys(trx);
    await seedCauses(trx);

    const existing = await trx
      .selectFrom('members')
      .select('id')
      .where('email', '=', DEMO_EMAIL)
      .executeTakeFirst();
    const member = existing ?? (await ensureMember(trx, DEMO_EMAIL, DEMO_MEMBER_NUMBER));
    // The same bonus a first sign-in grants (same entry id), so it is never posted twice.
    await grantWelcomeBonus(trx, member.id, 500);
  });
}
