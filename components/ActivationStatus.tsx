import { useState } from 'preact/hooks';
import { activeUntil, parseActivations } from '@/utils/banner/activation';
import type { Partner } from '@/utils/contract';
import { sendMessage } from '@/utils/messaging';
import { STORAGE_KEYS } from '@/utils/storage-keys';
import { rateText, replyError, t, uiLocale } from './i18n';
import { useStored } from './use-stored';

/**
 * For an enabled partner that needs a click per visit: *Activate* in the
 * popup (the same activation as the banner's), or until when it holds.
 * Follows an activation made on the page, as both write the same storage.
 */
export function ActivationStatus({ partner }: { partner: Partner }) {
  const { value } = useStored(STORAGE_KEYS.activations, parseActivations);
  const [error, setError] = useState('');
  if (!value) return null;
  const until = activeUntil(value, partner, Date.now());
  const rate = rateText(partner.earn.pointsPerUnit, partner.earn.currency);
  if (until !== null) {
    const time = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'short', timeStyle: 'short' });
    return (
      <p data-testid="activation" data-state="active">
        {t('bannerActiveUntil', rate, time.format(until))}
      </p>
    );
  }
  const activate = async () => {
    const reply = await sendMessage('activatePartnerFromPopup', { partnerId: partner.id });
    setError(reply.ok ? '' : replyError(reply));
  };
  return (
    <div class="stack" data-testid="activation" data-state="needed">
      <p>{t('bannerNeedsActivation', rate)}</p>
      <button type="button" class="primary" onClick={activate}>
        {t('popupActivate', partner.name)}
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
