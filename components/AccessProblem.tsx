import './access.css';
import type { Partner } from '@/utils/contract';
import { t } from './i18n';
import { browserName, type PartnerAccess } from './partner-access';

/** What a partner row says under its name when it is not simply on or off. */
export function AccessProblem({
  partner,
  access,
  onAllow,
  onLeaveOff,
}: {
  partner: Pick<Partner, 'name'>;
  access: PartnerAccess;
  onAllow: () => void;
  onLeaveOff?: () => void;
}) {
  if (access !== 'denied' && access !== 'removed') return null;
  const text =
    access === 'denied'
      ? t('partnerDenied', browserName(), partner.name)
      : t('partnerAccessRemoved', browserName(), partner.name);
  return (
    <div class="access-problem" role={access === 'denied' ? 'alert' : undefined}>
      <p data-testid="access-problem">{text}</p>
      <div class="row-buttons">
        <button type="button" data-testid="allow-again" onClick={onAllow}>
          {access === 'denied' ? t('partnerTryAgain') : t('partnerAllowAgain')}
        </button>
        {onLeaveOff && (
          <button type="button" class="secondary" onClick={onLeaveOff}>
            {t('partnerLeaveOff')}
          </button>
        )}
      </div>
    </div>
  );
}
