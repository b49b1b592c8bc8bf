import { z } from 'zod';
import { CurrencyCode } from './money';
import { PARTNER_ID_RE } from './rules';

export const PartnerId = z.string().regex(PARTNER_ID_RE, 'partner id: a-z, 0-9, -');
export type PartnerId = z.infer<typeof PartnerId>;

/**
 * A partner's site, as the registrable domain ("shop.example", "example.co.uk")
 * or a literal IP host ("127.0.0.1"). Subdomains of a registrable domain belong
 * to the partner too; see utils/partners/.
 */
export const PartnerDomain = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/, 'lower-case host name or IP expected');

/**
 * Detection rule for shops without structured data: on URLs matching
 * `urlPattern` (a RegExp source), read order reference and total from the page.
 */
export const SelectorRule = z.object({
  selector: z.string().min(1).max(500),
  /** Optional RegExp source; capture group 1 (or the whole match) is the value. */
  regex: z.string().min(1).max(500).optional(),
});
export const PartnerRule = z.object({
  urlPattern: z.string().min(1).max(500),
  orderRef: SelectorRule,
  total: SelectorRule,
  /** Used when the total text carries no currency symbol or code. */
  currency: CurrencyCode.optional(),
});
export type PartnerRule = z.infer<typeof PartnerRule>;

export const EarnRate = z.object({
  /** Points per whole unit of `currency` (e.g. 2 = "2 points per €"). */
  pointsPerUnit: z.number().positive().max(1000),
  currency: CurrencyCode,
});
export type EarnRate = z.infer<typeof EarnRate>;

export const Partner = z.object({
  id: PartnerId,
  name: z.string().min(1).max(100),
  domains: z.array(PartnerDomain).min(1).max(50),
  earn: EarnRate,
  /** Partners whose contract needs a click per visit show an Activate button. */
  requiresActivation: z.boolean().default(false),
  /** How long one *Activate* holds for such a partner, in hours. */
  activationHours: z.number().int().min(1).max(720).default(24),
  /**
   * Days the partner usually takes to confirm a purchase (its return period
   * plus processing): what the popup tells a shopper about pending points.
   */
  confirmationDays: z.number().int().min(1).max(365).default(30),
  /** Days after a purchase within which a member may report it as missing (absent: 90). */
  claimWindowDays: z.number().int().min(1).max(730).optional(),
  rules: z.array(PartnerRule).max(20).default([]),
});
export type Partner = z.infer<typeof Partner>;
export type PartnerInput = z.input<typeof Partner>;

export const PartnerCatalogue = z.object({
  /** Changes whenever any partner changes; clients cache by it (and by ETag). */
  version: z.string().min(1).max(100),
  partners: z.array(Partner).max(100_000),
});
export type PartnerCatalogue = z.infer<typeof PartnerCatalogue>;
