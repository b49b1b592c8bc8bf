import { upsertCause } from '../services/causes';
import type { Tx } from './tx';

/**
 * The demo causes. Upserts by fixed id, so seeding again changes nothing
 * (and never touches what was donated: donations are ledger entries).
 */
export async function seedCauses(trx: Tx): Promise<void> {
  await upsertCause(trx, {
    id: 'trees',
    name: { default: 'Plant trees', de: 'Bäume pflanzen' },
    description: {
      default: 'Every 100 points plant a tree with a reforestation partner.',
      de: 'Je 100 Punkte pflanzt ein Aufforstungspartner einen Baum.',
    },
    minPoints: 100,
    position: 1,
  });
  await upsertCause(trx, {
    id: 'food-bank',
    name: { default: 'Local food bank', de: 'Tafel vor Ort' },
    description: {
      default: 'Points become groceries for families in need.',
      de: 'Aus Punkten werden Lebensmittel für Familien, die sie brauchen.',
    },
    minPoints: 250,
    position: 2,
  });
}
