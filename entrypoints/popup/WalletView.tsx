import type { PartnerLookup } from '@/components/ActivityList';
import { t } from '@/components/i18n';
import { dateText, voucherText } from '@/components/program-text';
import { useCopy } from '@/components/use-copy';
import type { LedgerEntry } from '@/utils/ledger';
import { type WalletItem, walletFrom } from '@/utils/program';

function VoucherItem({ item, partners }: { item: WalletItem; partners: PartnerLookup }) {
  const [copied, copyText] = useCopy();
  const copy = () => copyText(item.voucher.code);
  const codeId = `voucher-${item.id}-code`;
  const titleId = `voucher-${item.id}-title`;
  return (
    <li
      class={`voucher${item.expired ? ' expired' : ''}`}
      data-testid="voucher"
      data-expired={item.expired}
      aria-labelledby={titleId}
    >
      <p class="voucher-title" id={titleId}>
        {voucherText(item.voucher, partners)}
        {item.expired && <span class="badge">{t('walletExpired')}</span>}
      </p>
      <div class="voucher-row">
        <span class="sr-only">{t('walletCode')}: </span>
        <code class="voucher-code" id={codeId} data-testid="voucher-code">
          {item.voucher.code}
        </code>
        <button type="button" class="secondary" aria-describedby={codeId} onClick={copy}>
          {t('walletCopy')}
        </button>
        <span role="status" class="copied" data-testid="voucher-copied">
          {copied === 'copied' ? t('walletCopied') : ''}
        </span>
      </div>
      {copied === 'failed' && (
        <p class="error" role="alert">
          {t('walletCopyFailed')}
        </p>
      )}
      <p class="muted">
        {item.expired
          ? t('expiredOn', dateText(item.expiresAt))
          : t('validUntil', dateText(item.expiresAt))}
      </p>
    </li>
  );
}

/** The member's vouchers, newest first: value, partner, the code to copy, until when it is valid. */
export function WalletView({
  entries,
  partners,
}: {
  entries: LedgerEntry[] | undefined;
  partners: PartnerLookup;
}) {
  const items = entries ? walletFrom(entries, Date.now()) : [];
  return (
    <section class="card" aria-labelledby="wallet-title" data-testid="wallet">
      <h2 id="wallet-title">{t('walletTitle')}</h2>
      {entries && items.length === 0 && <p class="muted">{t('walletNone')}</p>}
      <ul class="vouchers">
        {items.map((item) => (
          <VoucherItem key={item.id} item={item} partners={partners} />
        ))}
      </ul>
    </section>
  );
}
