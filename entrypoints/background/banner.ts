import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  activeUntil,
  orderAllowed,
  parseActivations,
  withActivation,
  withRefused,
} from '@/utils/banner/activation';
import { bannerHidden, dismissed, parseBannerPrefs } from '@/utils/banner/prefs';
import type { Partner } from '@/utils/contract';
import type { LedgerDb } from '@/utils/ledger';
import { localEarnRules } from '@/utils/ledger/earn-rules';
import type { BannerInfo } from '@/utils/messaging';
import { fetchMessages, type Messages } from '@/utils/settings/messages';
import { loadUiPrefs, resolveLanguage } from '@/utils/settings/prefs';
import { STORAGE_KEYS } from '@/utils/storage-keys';

const PREFS = STORAGE_KEYS.bannerPrefs;
const ACTIVATIONS = STORAGE_KEYS.activations;

/** The only messages a partner page shows (banner, notice, their counted words). */
const CONTENT_KEYS = /^(banner|notice|pointsCount|earnRate)/;

const hostOf = (url: string | undefined): string => {
  try {
    return new URL(url ?? '').hostname;
  } catch {
    return '';
  }
};

async function chosenMessages(): Promise<BannerInfo['language']> {
  const prefs = await loadUiPrefs();
  const lang = resolveLanguage(prefs.language, browser.i18n.getUILanguage());
  if (!lang.messages) return undefined;
  const all = await fetchMessages(lang.messages).catch(() => undefined);
  if (!all) return undefined;
  const messages: Messages = {};
  for (const [k, v] of Object.entries(all)) if (CONTENT_KEYS.test(k)) messages[k] = v;
  return { locale: lang.locale, messages };
}

/** What the banner on `url` of `partner` shows, from the stored prefs and the local program. */
export async function bannerInfo(
  partner: Partner,
  url: string | undefined,
  db: LedgerDb,
  now = Date.now(),
): Promise<BannerInfo> {
  const raw = await browser.storage.local.get([PREFS, ACTIVATIONS]);
  const [rules, ui, language] = await Promise.all([
    localEarnRules(db, partner, now),
    loadUiPrefs(),
    chosenMessages(),
  ]);
  const { id, name, earn, requiresActivation, activationHours, confirmationDays } = partner;
  return {
    partner: { id, name, earn, requiresActivation, activationHours, confirmationDays },
    hidden: bannerHidden(parseBannerPrefs(raw[PREFS]), partner.id, hostOf(url), now),
    activeUntil: requiresActivation
      ? activeUntil(parseActivations(raw[ACTIVATIONS]), partner, now)
      : null,
    rules,
    theme: ui.theme,
    language,
  };
}

/** *Activate* on a partner that needs it: remembered for its activationHours from now. */
export async function activate(
  partner: Partner,
  now = Date.now(),
): Promise<{ activeUntil: number }> {
  const raw = await browser.storage.local.get(ACTIVATIONS);
  const next = withActivation(parseActivations(raw[ACTIVATIONS]), partner.id, now);
  await browser.storage.local.set({ [ACTIVATIONS]: next });
  return { activeUntil: activeUntil(next, partner, now) ?? now };
}

const Dismiss = z.object({ never: z.boolean().default(false) }).catch({ never: false });

/** The banner closed: for the partner for a while, or for good on this site. */
export async function dismiss(
  partner: Partner,
  url: string | undefined,
  data: unknown,
  now = Date.now(),
): Promise<{ ok: boolean }> {
  const host = hostOf(url);
  if (!host) return { ok: false };
  const raw = await browser.storage.local.get(PREFS);
  const next = dismissed(
    parseBannerPrefs(raw[PREFS]),
    partner.id,
    host,
    now,
    Dismiss.parse(data).never,
  );
  await browser.storage.local.set({ [PREFS]: next });
  return { ok: true };
}

/**
 * Whether an order at a partner that needs activation counts: activated now,
 * and not first seen unactivated (such an order is remembered as refused, so
 * activating afterwards and reloading the confirmation does not credit it).
 */
export async function activationAllows(
  partner: Partner,
  claimKey: string,
  now = Date.now(),
): Promise<boolean> {
  const raw = await browser.storage.local.get(ACTIVATIONS);
  const a = parseActivations(raw[ACTIVATIONS]);
  if (orderAllowed(a, partner, claimKey, now)) return true;
  await browser.storage.local.set({ [ACTIVATIONS]: withRefused(a, claimKey) });
  return false;
}
