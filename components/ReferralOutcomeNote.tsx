import type { ReferralOutcome, ReferralRefusal } from '@/utils/contract';
import { type MessageKey, t } from './i18n';

const IGNORED: Record<ReferralRefusal, MessageKey> = {
  'self-referral': 'referralIgnoredSelf',
  'already-member': 'referralIgnoredMember',
  'email-known': 'referralIgnoredEmailKnown',
};

/**
 * What became of the referral code sent with a sign-in: accepted, or why the
 * server did not count it (the sign-in itself went ahead either way).
 */
export function ReferralOutcomeNote({ outcome }: { outcome?: ReferralOutcome }) {
  if (!outcome) return null;
  const applied = outcome.status === 'applied';
  return (
    <p role="status" data-testid="referral-outcome" data-status={outcome.status}>
      {t(applied ? 'referralApplied' : IGNORED[outcome.code])}
    </p>
  );
}
