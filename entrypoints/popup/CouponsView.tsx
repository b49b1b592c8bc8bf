import { useEffect, useRef, useState } from 'preact/hooks';
import type { PartnerLookup } from '@/components/ActivityList';
import { type MessageKey, replyError, t } from '@/components/i18n';
import {
  couponCapText,
  couponText,
  dateText,
  refusalText,
  validityText,
} from '@/components/program-text';
import { useLiveQuery } from '@/components/use-live-query';
import type { CouponList } from '@/utils/contract';
import { entriesOfKind, ledgerDb } from '@/utils/ledger';
import { sendMessage } from '@/utils/messaging';
import { type CouponGroup, type CouponView, couponViews, groupCoupons } from '@/utils/program';

const GROUP_TITLE: Record<CouponGroup, MessageKey> = {
  available: 'couponsGroupAvailable',
  activated: 'couponsGroupActivated',
  used: 'couponsGroupUsed',
  expired: 'couponsGroupExpired',
};

function CouponItem({
  view,
  partners,
  now,
  onActivate,
}: {
  view: CouponView;
  partners: PartnerLookup;
  now: number;
  onActivate: (id: string) => void;
}) {
  const { coupon, state } = view;
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const item = useRef<HTMLLIElement>(null);
  const activate = async () => {
    // The button gives way to "Activating…": keep focus on the coupon, not the page.
    item.current?.focus();
    onActivate(coupon.id);
    setSending(true);
    setError(undefined);
    const reply = await sendMessage('activateCoupon', { couponId: coupon.id }).finally(() =>
      setSending(false),
    );
    if (!reply.ok) setError(replyError(reply));
  };
  const cap = couponCapText(coupon);
  const titleId = `coupon-${coupon.id}-title`;
  return (
    <li
      ref={item}
      tabIndex={-1}
      class={`coupon state-${state}`}
      data-testid="coupon"
      data-coupon-id={coupon.id}
      data-state={state}
      aria-labelledby={titleId}
    >
      <p class="coupon-title" id={titleId}>
        {couponText(coupon, partners)}
      </p>
      {cap && <p class="muted">{cap}</p>}
      <p class="muted">
        {state === 'expired'
          ? t('expiredOn', dateText(coupon.validUntil))
          : state === 'activated' && coupon.activatedAt
            ? `${t('couponActivatedOn', dateText(coupon.activatedAt))} · ${validityText(coupon, now)}`
            : validityText(coupon, now)}
      </p>
      {state === 'available' && (
        <button type="button" disabled={sending} onClick={activate} aria-describedby={titleId}>
          {t('couponActivate')}
        </button>
      )}
      {state === 'activating' && (
        <p class="progress-note" role="status" data-testid="activating">
          {t('statusActivating')}
        </p>
      )}
      {(error || view.refusal) && (
        <p class="error" role="alert" data-testid="coupon-error">
          {error ?? refusalText(view.refusal!)}
        </p>
      )}
    </li>
  );
}

/** The member's coupons, by state: available (to activate), activated, used, expired. */
export function CouponsView({
  coupons,
  signedIn,
  partners,
}: {
  coupons: CouponList | undefined;
  /** undefined while the account is being read. */
  signedIn: boolean | undefined;
  partners: PartnerLookup;
}) {
  const db = ledgerDb();
  const activations = useLiveQuery(() => entriesOfKind(db, 'activate'));
  const now = Date.now();
  const groups =
    coupons && activations ? groupCoupons(couponViews(coupons.coupons, activations, now)) : [];
  // An activated coupon moves to another group (a new element): focus follows it there.
  const section = useRef<HTMLElement>(null);
  const followed = useRef<string>();
  useEffect(() => {
    const id = followed.current;
    if (!id || (document.activeElement && document.activeElement !== document.body)) return;
    section.current?.querySelector<HTMLElement>(`[data-coupon-id="${CSS.escape(id)}"]`)?.focus();
  });
  return (
    <section ref={section} class="card" aria-labelledby="coupons-title" data-testid="coupons">
      <h2 id="coupons-title">{t('popupCoupons')}</h2>
      {signedIn === false ? (
        <p class="muted">{t('programSignedOut')}</p>
      ) : !coupons ? (
        <p class="muted">{t('programLoading')}</p>
      ) : (
        <>
          <p class="muted">{t('couponsExplained')}</p>
          {coupons.coupons.length === 0 && <p class="muted">{t('couponsNone')}</p>}
          {groups.map((g) => (
            <section
              key={g.group}
              class="coupon-group"
              aria-labelledby={`coupons-${g.group}`}
              data-testid={`coupons-${g.group}`}
            >
              <h3 id={`coupons-${g.group}`} class="day-title">
                {t(GROUP_TITLE[g.group])}
              </h3>
              <ul class="coupons">
                {g.items.map((v) => (
                  <CouponItem
                    key={v.coupon.id}
                    view={v}
                    partners={partners}
                    now={now}
                    onActivate={(id) => {
                      followed.current = id;
                    }}
                  />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
