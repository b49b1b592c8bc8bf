import { formatPoints, pointsText, t, tPlural } from '@/components/i18n';
import { couponText, dateText, expiryDateText, moneyText } from '@/components/program-text';
import type { LedgerNotice } from '@/utils/notify/ledger-events';
import { expectedConfirmation, type PartnerIndex } from '@/utils/partners';

/** A notice's title and message in the current language (the background sets it first). */
export function noticeText(n: LedgerNotice, index: PartnerIndex, zone: string) {
  const name = (id: string | null) => (id ? (index.byId(id)?.name ?? id) : 'Pointpilot');
  if (n.type === 'confirmed') {
    const points = n.claims.reduce((s, c) => s + c.points, 0);
    const message =
      n.claims.length === 1
        ? t('notifyConfirmedSingle', name(n.claims[0]!.partnerId), pointsText(points))
        : tPlural('notifyConfirmedMany', n.claims.length, n.claims.length, pointsText(points));
    return { title: t('notifyConfirmedTitle'), message };
  }
  if (n.type === 'recorded') {
    const partner = n.partnerId ? index.byId(n.partnerId) : undefined;
    const by = partner && expectedConfirmation(n.createdAt, partner.confirmationDays, zone);
    const message =
      n.points <= 0
        ? t('notifyRecordedNoPoints', name(n.partnerId))
        : by
          ? t('notifyRecordedBy', name(n.partnerId), pointsText(n.points), dateText(by))
          : t('notifyRecordedNoDate', name(n.partnerId), pointsText(n.points));
    return { title: t('notifyRecordedTitle'), message };
  }
  if (n.points !== undefined && n.day)
    return {
      title: t('notifyExpiringTitle'),
      message: tPlural('expiryWarning', n.points, formatPoints(n.points), expiryDateText(n.day)),
    };
  const message = n.coupon
    ? t('notifyExpiringCoupon', couponText(n.coupon, { name: (id) => name(id) }), dateText(n.until))
    : t('notifyExpiringVoucher', n.voucher ? moneyText(n.voucher.value) : '', dateText(n.until));
  return { title: t('notifyExpiringTitle'), message };
}
