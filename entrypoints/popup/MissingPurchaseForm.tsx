import '@/components/missing-purchase.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate } from '@/components/ActivityList';
import { t, uiLocale } from '@/components/i18n';
import { PROBLEM_ERROR } from '@/components/missing-purchase-text';
import type { Partner } from '@/utils/contract';
import {
  checkMissingPurchase,
  claimWindow,
  DEFAULT_CLAIM_WINDOW_DAYS,
  localDay,
} from '@/utils/contract/missing-claim';
import { type ErrorKey, type MissingPurchaseReply, sendMessage } from '@/utils/messaging';
import { localeFromLang, parseAmount } from '@/utils/money';
import { loadCatalogue } from '@/utils/partners/stored';

type Field = NonNullable<Extract<MissingPurchaseReply, { ok: false }>['field']>;
interface Problem {
  field?: Field;
  text: string;
}

/**
 * "A purchase is missing": shop, order reference, date and amount, checked
 * with the same rules the server applies (checkMissingPurchase), then sent
 * to the background as a report; it waits in the outbox like a detected
 * claim. A problem is named at its field (aria-invalid, described by the
 * message) and focus goes there; `onDone` gets the confirmation to announce.
 */
export function MissingPurchaseForm({
  onDone,
  onCancel,
}: {
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [partners, setPartners] = useState<Partner[]>([]);
  const [partnerId, setPartnerId] = useState('');
  const [orderRef, setOrderRef] = useState('');
  const [purchasedOn, setPurchasedOn] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [sending, setSending] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    loadCatalogue().then((c) =>
      setPartners([...c.partners].sort((a, b) => a.name.localeCompare(b.name, uiLocale()))),
    );
    form.current?.querySelector<HTMLElement>('select')?.focus();
  }, []);
  useEffect(() => {
    if (problem?.field)
      form.current?.querySelector<HTMLElement>(`[name=${problem.field}]`)?.focus();
  }, [problem]);

  const partner = partners.find((p) => p.id === partnerId);
  const currency = partner?.earn.currency ?? 'EUR';
  const windowDays = partner?.claimWindowDays ?? DEFAULT_CLAIM_WINDOW_DAYS;
  const today = localDay(new Date());
  const span = claimWindow(today, windowDays);

  const say = (error: ErrorKey, field?: Field) => {
    const args: Partial<Record<ErrorKey, string[]>> = {
      errorMissingWindow: [partner?.name ?? '', String(windowDays)],
      errorMissingAmount: [currency],
      errorMissingDuplicate: [orderRef.trim(), partner?.name ?? ''],
    };
    setProblem({ field, text: t(error, ...(args[error] ?? [])) });
  };

  async function submit(ev: Event) {
    ev.preventDefault();
    if (sending) return;
    if (!partner) return say('errorMissingPartner', 'partnerId');
    const parsed = parseAmount(amount, { currency, locale: localeFromLang(uiLocale()) });
    const money =
      parsed.ok && parsed.money.currency === currency ? parsed.money : { minor: 0, currency };
    const purchase = { partnerId, orderRef, purchasedOn, amount: money };
    const check = checkMissingPurchase(purchase, { partner, today });
    if (!check.ok) return say(PROBLEM_ERROR[check.code], check.field);
    setSending(true);
    setProblem(undefined);
    const reply = await sendMessage('reportMissingPurchase', check.purchase).catch(
      (): MissingPurchaseReply => ({ ok: false, error: 'errorGeneric' }),
    );
    setSending(false);
    if (!reply.ok) return say(reply.error, reply.field);
    onDone(t('missingDone', partner.name, check.purchase.orderRef));
  }

  const invalid = (field: Field) => (problem?.field === field ? 'true' : undefined);
  const describedBy = (field: Field, hint?: string) =>
    [hint, problem?.field === field ? 'missing-error' : undefined].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form
      ref={form}
      class="stack missing-form"
      aria-labelledby="missing-title"
      noValidate
      onSubmit={submit}
      data-testid="missing-form"
    >
      <h3 id="missing-title">{t('missingTitle')}</h3>
      <p class="muted">{t('missingIntro')}</p>
      <div class="field">
        <label for="missing-partner">{t('missingPartner')}</label>
        <select
          id="missing-partner"
          name="partnerId"
          value={partnerId}
          aria-invalid={invalid('partnerId')}
          aria-describedby={describedBy('partnerId')}
          onChange={(e) => setPartnerId(e.currentTarget.value)}
        >
          <option value="">{t('missingChoosePartner')}</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="missing-ref">{t('missingOrderRef')}</label>
        <input
          id="missing-ref"
          name="orderRef"
          type="text"
          autocomplete="off"
          value={orderRef}
          aria-invalid={invalid('orderRef')}
          aria-describedby={describedBy('orderRef', 'missing-ref-hint')}
          onInput={(e) => setOrderRef(e.currentTarget.value)}
        />
        <span id="missing-ref-hint" class="muted hint">
          {t('missingOrderRefHint')}
        </span>
      </div>
      <div class="field">
        <label for="missing-date">{t('missingDate')}</label>
        <input
          id="missing-date"
          name="purchasedOn"
          type="date"
          min={span.from}
          max={span.to}
          value={purchasedOn}
          aria-invalid={invalid('purchasedOn')}
          aria-describedby={describedBy('purchasedOn', 'missing-date-hint')}
          onInput={(e) => setPurchasedOn(e.currentTarget.value)}
        />
        <span id="missing-date-hint" class="muted hint">
          {t('missingDateHint', formatDate(Date.parse(`${span.from}T12:00:00`)))}
        </span>
      </div>
      <div class="field">
        <label for="missing-amount">{t('missingAmount', currency)}</label>
        <input
          id="missing-amount"
          name="amount"
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={amount}
          aria-invalid={invalid('amount')}
          aria-describedby={describedBy('amount', 'missing-amount-hint')}
          onInput={(e) => setAmount(e.currentTarget.value)}
        />
        <span id="missing-amount-hint" class="muted hint">
          {t('missingAmountHint')}
        </span>
      </div>
      {problem && (
        <p id="missing-error" role="alert" class="error" data-testid="missing-error">
          {problem.text}
        </p>
      )}
      <div class="row-buttons">
        <button type="submit" disabled={sending} data-testid="missing-submit">
          {sending ? t('missingSending') : t('missingSubmit')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
