// Browser-side adapter (storage); import it directly, it is not part of the pure index.

import { browser } from 'wxt/browser';
import { type Partner, PartnerCatalogue } from '../contract';
import { STORAGE_KEYS } from '../storage-keys';
import { bundledPartners } from './catalogue';
import { PartnerIndex } from './match';

export const CATALOGUE_KEY = STORAGE_KEYS.catalogue;

let cached: { index: PartnerIndex; partners: Partner[] } | undefined;

/**
 * The partner catalogue: the last one stored from the backend, else the
 * bundled fallback. Cached per service-worker life; rebuilt from storage
 * after the worker is killed.
 */
export async function loadCatalogue(): Promise<{ index: PartnerIndex; partners: Partner[] }> {
  if (cached) return cached;
  const stored = (await browser.storage.local.get(CATALOGUE_KEY))[CATALOGUE_KEY];
  const parsed = PartnerCatalogue.safeParse(stored);
  const partners = parsed.success ? parsed.data.partners : bundledPartners;
  cached = { index: new PartnerIndex(partners), partners };
  return cached;
}

export function forgetCachedCatalogue(): void {
  cached = undefined;
}
