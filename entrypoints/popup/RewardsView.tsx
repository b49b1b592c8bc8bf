import { useRef, useState } from 'preact/hooks';
import type { PartnerLookup } from '@/components/ActivityList';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { pointsText, replyError, t, tPlural } from '@/components/i18n';
import { refusalText, rewardConfirmText, voucherText } from '@/components/program-text';
import { useLiveQuery } from '@/components/use-live-query';
import type { Reward, RewardList } from '@/utils/contract';
import { entriesOfKind, ledgerDb } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { type RewardView, rewardViews } from '@/utils/program';
import { DonateView, readCauses } from './DonateView';
import { WalletView } from './WalletView';

function RewardItem({
  view,
  partners,
  error,
  onRedeem,
}: {
  view: RewardView;
  partners: PartnerLookup;
  error: string | undefined;
  onRedeem: (r: Reward, opener: HTMLButtonElement) => void;
}) {
  const { reward, state } = view;
  const titleId = `reward-${reward.id}-title`;
  const whyId = `reward-${reward.id}-why`;
  const why =
    state === 'sold-out'
      ? t('rewardSoldOut')
      : state === 'too-few-points'
        ? tPlural('rewardMissing', view.missing, pointsText(view.missing))
        : undefined;
  return (
    <li
      class={`reward state-${state}`}
      data-testid="reward"
      data-reward-id={reward.id}
      data-state={state}
      aria-labelledby={titleId}
    >
      <p class="reward-title" id={titleId}>
        {voucherText(reward, partners)} · <strong>{pointsText(reward.pointsPrice)}</strong>
      </p>
      {state === 'redeeming' ? (
        <p class="progress-note" role="status" data-testid="redeeming">
          {t('statusRedeeming')}
        </p>
      ) : (
        <div class="reward-action">
          <button
            type="button"
            disabled={state !== 'redeemable'}
            aria-describedby={why ? whyId : titleId}
            onClick={(e) => onRedeem(reward, e.currentTarget)}
          >
            {t('rewardRedeem')}
          </button>
          {why && (
            <span class="muted" id={whyId} data-testid="reward-why">
              {why}
            </span>
          )}
        </div>
      )}
      {(error || view.refusal) && (
        <p class="error" role="alert" data-testid="reward-error">
          {error ?? refusalText(view.refusal!)}
        </p>
      )}
    </li>
  );
}

/**
 * The rewards catalogue with what each costs and whether it can be redeemed
 * now; a confirmation before any points are spent; then the wallet.
 */
export function RewardsView({
  rewards,
  available,
  signedIn,
  partners,
}: {
  rewards: RewardList | undefined;
  available: number;
  /** undefined while the account is being read. */
  signedIn: boolean | undefined;
  partners: PartnerLookup;
}) {
  const db = ledgerDb();
  const spends = useLiveQuery(() => entriesOfKind(db, 'spend'));
  const causes = useLiveQuery(() => readCauses(db));
  const [asking, setAsking] = useState<Reward>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [lastOp, setLastOp] = useState<string>();
  const opener = useRef<HTMLButtonElement | null>(null);

  const now = Date.now();
  const views = rewards && spends ? rewardViews(rewards.rewards, spends, available, now) : [];
  const redeemed = lastOp && spends?.some((e) => e.id === lastOp && e.status === 'confirmed');

  const ask = (r: Reward, from: HTMLButtonElement) => {
    opener.current = from;
    setAsking(r);
  };
  const onClosed = (confirmed: boolean) => {
    setAsking(undefined);
    const from = opener.current;
    if (!from?.isConnected) return;
    // Confirmed: the button gives way to "Redeeming…", so focus its reward instead.
    const item = confirmed ? from.closest<HTMLElement>('li') : null;
    if (item) {
      item.tabIndex = -1;
      item.focus();
    } else from.focus();
  };
  const confirm = async () => {
    const reward = asking;
    if (!reward) return;
    setErrors(({ [reward.id]: _, ...rest }) => rest);
    const reply = await sendMessage('redeemReward', { rewardId: reward.id });
    if (reply.ok) setLastOp(reply.opId);
    else setErrors((e) => ({ ...e, [reward.id]: replyError(reply) }));
  };

  return (
    <>
      <section class="card" aria-labelledby="rewards-title" data-testid="rewards">
        <h2 id="rewards-title">{t('popupRewards')}</h2>
        {signedIn === false ? (
          <p class="muted">{t('programSignedOut')}</p>
        ) : !rewards ? (
          <p class="muted">{t('programLoading')}</p>
        ) : (
          <>
            <p class="muted">{t('rewardsAvailable', pointsText(available))}</p>
            {rewards.rewards.length === 0 && <p class="muted">{t('rewardsNone')}</p>}
            <ul class="rewards">
              {views.map((v) => (
                <RewardItem
                  key={v.reward.id}
                  view={v}
                  partners={partners}
                  error={errors[v.reward.id]}
                  onRedeem={ask}
                />
              ))}
            </ul>
          </>
        )}
        <p class="status-line" role="status" data-testid="redeemed">
          {redeemed ? t('rewardRedeemed') : ''}
        </p>
      </section>
      {signedIn && <WalletView entries={spends} partners={partners} />}
      {signedIn && <DonateView causes={causes} spends={spends} available={available} />}
      <ConfirmDialog
        open={Boolean(asking)}
        labelId="redeem-confirm-text"
        testId="redeem-confirm"
        yesLabel={asking ? t('rewardConfirmYes', pointsText(asking.pointsPrice)) : ''}
        onYes={confirm}
        onClosed={onClosed}
      >
        {asking && (
          <>
            <p id="redeem-confirm-text">{rewardConfirmText(asking, partners)}</p>
            <p class="muted">
              {t('rewardConfirmNote')}{' '}
              {tPlural('rewardValidDays', asking.validDays, asking.validDays)}
            </p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
