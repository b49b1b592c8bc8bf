import type { MemberPlan } from '@/utils/contract';
import { t, uiLocale } from './i18n';
import { dateText } from './program-text';

/** "Plus until 31 Dec 2026": the paid plan while active, its extra points and benefits. */
export function PlanCard({ plan }: { plan: MemberPlan }) {
  const pct = new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: 1 });
  const benefits = plan.benefits
    .map((b) =>
      b === 'earn-multiplier'
        ? plan.multiplier > 1
          ? t('benefitEarnMultiplier', pct.format(plan.multiplier - 1))
          : undefined
        : b === 'priority-support'
          ? t('benefitPrioritySupport')
          : t('benefitFreeReturns'),
    )
    .filter((b) => b !== undefined);
  return (
    <section class="card plan-card" aria-labelledby="plan-title" data-testid="plan-card">
      <h2 id="plan-title">{t('planPlusTitle')}</h2>
      <p data-testid="plan-ends">{t('planActiveUntil', dateText(plan.endsAt))}</p>
      {benefits.length > 0 && (
        <ul class="benefits" aria-label={t('planBenefits')} data-testid="plan-benefits">
          {benefits.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
