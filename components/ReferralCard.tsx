import type { ReferralInfo } from '@/utils/contract';
import { formatPoints, pointsText, t } from './i18n';
import { useCopy } from './use-copy';

/**
 * "Invite friends": the member's referral code and share link with a copy
 * button, what a friend's first confirmed purchase brings both, and how
 * many of this month's bonuses are used (the server's figures).
 */
export function ReferralCard({ referral }: { referral: ReferralInfo }) {
  const [copied, copyText] = useCopy();
  const copy = () => copyText(referral.link);
  const full = referral.paidThisMonth >= referral.monthlyCap;
  return (
    <section
      class="card referral-card"
      aria-labelledby="referral-title"
      data-testid="referral-card"
    >
      <h2 id="referral-title">{t('referralTitle')}</h2>
      <p>{t('referralExplain', pointsText(referral.bonusPoints))}</p>
      <p>
        {t('referralYourCode')}{' '}
        <code class="voucher-code" id="referral-code" data-testid="referral-code">
          {referral.code}
        </code>
      </p>
      <div class="voucher-row">
        <span class="sr-only">{t('referralLink')}: </span>
        {/* A long address wraps anywhere rather than widening a 360 px popup. */}
        <code
          class="referral-link"
          id="referral-link"
          data-testid="referral-link"
          style={{ overflowWrap: 'anywhere' }}
        >
          {referral.link}
        </code>
        <button type="button" class="secondary" aria-describedby="referral-link" onClick={copy}>
          {t('referralCopyLink')}
        </button>
        <span role="status" class="copied" data-testid="referral-copied">
          {copied === 'copied' ? t('walletCopied') : ''}
        </span>
      </div>
      {copied === 'failed' && (
        <p class="error" role="alert">
          {t('walletCopyFailed')}
        </p>
      )}
      <p class="muted" data-testid="referral-count">
        {full
          ? t('referralCapReached', formatPoints(referral.monthlyCap))
          : t(
              'referralThisMonth',
              formatPoints(referral.paidThisMonth),
              formatPoints(referral.monthlyCap),
            )}
      </p>
    </section>
  );
}
