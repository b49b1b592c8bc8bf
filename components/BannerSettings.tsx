import {
  type BannerPrefs,
  DEFAULT_BANNER_PREFS,
  DISMISS_DAYS,
  type DismissDays,
  parseBannerPrefs,
} from '@/utils/banner/prefs';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { type MessageKey, t } from './i18n';
import { useStored } from './use-stored';

const DAYS_LABEL: Record<DismissDays, MessageKey> = {
  1: 'bannerSettingsDays1',
  7: 'bannerSettingsDays7',
  30: 'bannerSettingsDays30',
};

/**
 * The on-site banner's settings: on or off, how long a closed banner stays
 * away, and the sites where it never shows (each can be given back). Read
 * by the background each time a partner page asks for its banner.
 */
export function BannerSettings() {
  const { value: prefs, save, saved } = useStored(STORAGE_KEYS.bannerPrefs, parseBannerPrefs);
  const p: BannerPrefs = prefs ?? DEFAULT_BANNER_PREFS;
  return (
    <section
      class="card stack"
      aria-labelledby="banner-title"
      data-testid="banner-settings"
      aria-busy={!prefs}
    >
      <h2 id="banner-title">{t('bannerSettingsTitle')}</h2>
      <label>
        <input
          type="checkbox"
          name="banner-show"
          checked={p.show}
          disabled={!prefs}
          aria-describedby="banner-hint"
          onChange={(e) => save({ ...p, show: e.currentTarget.checked })}
        />
        {t('bannerSettingsShow')}
      </label>
      <p id="banner-hint" class="muted">
        {t('bannerSettingsHint')}
      </p>
      <label>
        {t('bannerSettingsDismissFor')}
        <select
          name="banner-dismiss-days"
          value={String(p.dismissDays)}
          disabled={!prefs || !p.show}
          onChange={(e) =>
            save({ ...p, dismissDays: Number(e.currentTarget.value) as DismissDays })
          }
        >
          {DISMISS_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              {t(DAYS_LABEL[d])}
            </option>
          ))}
        </select>
      </label>
      <h3 id="banner-never">{t('bannerSettingsNever')}</h3>
      {p.neverSites.length === 0 ? (
        <p class="muted">{t('bannerSettingsNeverNone')}</p>
      ) : (
        <ul class="stack" aria-labelledby="banner-never" data-testid="banner-never-sites">
          {p.neverSites.map((site) => (
            <li key={site}>
              <button
                type="button"
                onClick={() => save({ ...p, neverSites: p.neverSites.filter((s) => s !== site) })}
              >
                {t('bannerSettingsShowAgain', site)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status" class="muted" data-testid="banner-saved">
        {saved ? t('saved') : ''}
      </p>
    </section>
  );
}
