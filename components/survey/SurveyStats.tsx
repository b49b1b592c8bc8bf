import type { SurveyStats as Stats } from '@/utils/contract';
import { t } from '../i18n';
import { badgeName, streakText } from './survey-text';

function FlameIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
      <path d="M8 1c.4 2.2-.8 3.5-2 4.8C4.9 7 4 8.2 4 10a4 4 0 0 0 8 0c0-1.6-.7-2.9-1.6-3.9-.2 1-.7 1.7-1.4 2.1C9.4 6 9.3 3.2 8 1Z" />
    </svg>
  );
}

/** The member's survey streak and badges (the server's figures); nothing when there are none. */
export function SurveyStats({ stats }: { stats: Stats }) {
  const streak = streakText(stats.streakWeeks);
  if (!streak && stats.badges.length === 0) return null;
  return (
    <div class="survey-stats">
      {streak && (
        <p class="survey-streak" data-testid="survey-streak">
          <FlameIcon />
          {streak}
        </p>
      )}
      {stats.badges.length > 0 && (
        <ul class="survey-badges" aria-label={t('surveyBadges')} data-testid="survey-badges">
          {stats.badges.map((b) => (
            <li key={b.id} data-badge={b.id}>
              {badgeName(b.id)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const hasStats = (stats: Stats) => stats.streakWeeks > 0 || stats.badges.length > 0;
