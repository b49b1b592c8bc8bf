import './activity-filters.css';
import { useId } from 'preact/hooks';
import {
  ACTIVITY_CATEGORIES,
  type ActivityCategory,
  type ActivityFilter,
  isActivityCategory,
} from '@/utils/ledger/activity-filter';
import { type MessageKey, t, uiLocale } from './i18n';

export const CATEGORY_LABEL: Record<ActivityCategory, MessageKey> = {
  purchase: 'activityCategoryPurchase',
  bonus: 'activityCategoryBonus',
  reward: 'activityCategoryReward',
  donation: 'activityCategoryDonation',
  expired: 'activityCategoryExpired',
  refused: 'activityCategoryRefused',
  other: 'activityCategoryOther',
};

/**
 * Two labelled native selects (kind, partner): keyboard use, screen-reader
 * names and the phone-sized popup come with the platform's own control.
 * Partners are those in the ledger, by their catalogue name.
 */
export function ActivityFilters({
  value,
  onChange,
  partnerIds,
  partnerName,
}: {
  value: ActivityFilter;
  onChange: (next: ActivityFilter) => void;
  partnerIds: readonly string[];
  partnerName: (id: string) => string;
}) {
  const id = useId();
  const locale = uiLocale();
  const partners = partnerIds
    .map((p) => ({ id: p, name: partnerName(p) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  // A chosen partner no longer in the ledger (data deleted) still shows as chosen.
  if (value.partnerId && !partnerIds.includes(value.partnerId))
    partners.push({ id: value.partnerId, name: partnerName(value.partnerId) });
  return (
    <fieldset class="activity-filters" aria-label={t('activityFilters')}>
      <div class="activity-filter">
        <label for={`${id}-kind`}>{t('activityFilterKind')}</label>
        <select
          id={`${id}-kind`}
          data-testid="filter-kind"
          value={value.category ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ ...value, category: isActivityCategory(v) ? v : undefined });
          }}
        >
          <option value="">{t('activityFilterAllKinds')}</option>
          {ACTIVITY_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(CATEGORY_LABEL[c])}
            </option>
          ))}
        </select>
      </div>
      <div class="activity-filter">
        <label for={`${id}-partner`}>{t('activityFilterPartner')}</label>
        <select
          id={`${id}-partner`}
          data-testid="filter-partner"
          value={value.partnerId ?? ''}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ ...value, partnerId: v || undefined });
          }}
        >
          <option value="">{t('activityFilterAllPartners')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
