import { Partner, type PartnerInput } from '../contract';

/**
 * Bundled catalogue: the offline first-run fallback until the backend's
 * catalogue arrives. It lists the demo shop (served on 127.0.0.1).
 */
const BUNDLED: PartnerInput[] = [
  {
    id: 'demo-shop',
    name: 'Demo Shop',
    domains: ['127.0.0.1'],
    earn: { pointsPerUnit: 2, currency: 'EUR' },
    confirmationDays: 14,
  },
];

export const bundledPartners: Partner[] = BUNDLED.map((p) => Partner.parse(p));
