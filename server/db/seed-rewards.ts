import type { Tx } from './tx';

/** The demo rewards and their voucher code pools. TODO(issue 11). */
export async function seedRewards(_trx: Tx): Promise<void> {}
