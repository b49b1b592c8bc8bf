/**
 * Every key the extension uses in browser.storage.local, in one place, so two
 * features can never share a key by accident (a test keeps them unique).
 * The ledger itself lives in IndexedDB (utils/ledger), not here.
 */
export const STORAGE_KEYS = {
  /** Signed-in member, token and backend URL (utils/account/storage.ts). */
  account: 'account',
  /** Last partner catalogue from the backend (utils/partners/stored.ts). */
  catalogue: 'catalogue',
  /** Its ETag, for If-None-Match (entrypoints/background/catalogue-refresh.ts). */
  catalogueEtag: 'catalogueEtag',
  /** Partners the user turned on, to tell "access removed" from "never on" (components/partner-access.ts). */
  partnerAccess: 'partnerAccess',
  /** Whether IndexedDB opened at the background's last start (utils/ledger/health.ts). */
  ledgerHealth: 'ledgerHealth',
  /** Notification preferences (utils/notify/prefs.ts, components/NotificationSettings.tsx). */
  notifyPrefs: 'notifyPrefs',
  /** What notifications saw and showed: pending claims, daily count (entrypoints/background/notifications.ts). */
  notifyState: 'notifyState',
  /** The UI language chosen in the settings, or "browser" (utils/settings/prefs.ts). */
  uiLanguage: 'uiLanguage',
  /** The colour theme chosen in the settings: system, light or dark (utils/settings/prefs.ts). */
  uiTheme: 'uiTheme',
  /** On-site banner preferences and dismissals (utils/banner/prefs.ts). */
  bannerPrefs: 'bannerPrefs',
  /** Per-visit activations of partners that require one (utils/banner/activation.ts). */
  activations: 'activations',
} as const;
