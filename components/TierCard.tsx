import type { Program } from '@/utils/contract';
import { tierProgress } from '@/utils/program';
import { formatPoints, t } from './i18n';
import { benefitText, dateText, tierNextText } from './program-text';

/**
 * The member's tier: its name and benefits, how far to the next tier and by
 * when (the server's figures), or that this is the top tier.
 */
export function TierCard({ program }: { program: Program }) {
  const p = tierProgress(program);
  const name = p.current?.name ?? program.member.tierId;
  const benefits = p.current
    ? p.current.benefits.map((b) => benefitText(b, p.current!)).filter((b) => b !== undefined)
    : [];
  const review = program.member.reviewAt;
  return (
    <section class="card tier-card" aria-labelledby="tier-title" data-testid="tier-card">
      <h2 id="tier-title">
        {t('tierTitle')}:{' '}
        <span class="tier-name" data-testid="tier-name">
          {name}
        </span>
      </h2>
      {benefits.length > 0 && (
        <ul class="benefits" aria-label={t('tierBenefits')} data-testid="tier-benefits">
          {benefits.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      {p.next && (
        <progress
          class="tier-progress"
          data-testid="tier-progress"
          value={p.value}
          max={p.max}
          aria-label={t('tierProgressLabel', p.next.name)}
          aria-valuetext={`${formatPoints(p.value)} / ${formatPoints(p.max)}`}
        />
      )}
      <p data-testid="tier-next">{tierNextText(p)}</p>
      {review && (
        <p class="muted" data-testid="tier-review">
          {t('tierReview', dateText(review))}
        </p>
      )}
    </section>
  );
}
