import type { BadgeId, RejectCode } from '@/utils/contract';
import type { LedgerEntry } from '@/utils/ledger';
import { localized } from '@/utils/survey/localize';
import { type MessageKey, t, uiLocale } from './i18n';

/** The refusal codes worded for a survey's answers; any other refusal of them gets a neutral sentence. */
export const SURVEY_REFUSALS: ReadonlySet<string> = new Set<RejectCode>([
  'unknown-survey',
  'survey-closed',
  'survey-not-for-you',
  'survey-already-answered',
  'invalid-answer',
]);

/** Each badge's name (the survey card lists them with these too). */
export const BADGE_NAME: Record<BadgeId, MessageKey> = {
  'first-survey': 'badgeFirstSurvey',
  'five-surveys': 'badgeFiveSurveys',
  'four-week-streak': 'badgeFourWeekStreak',
};

/** What the activity titles need to know of the surveys (from the popup's stored list). */
export interface SurveyLookup {
  /** The survey's title in the UI language; undefined once the list no longer has it. */
  surveyTitle?(id: string): string | undefined;
}

/**
 * The activity title of a survey or a badge ("Survey: Welcome to
 * Pointpilot", "Badge earned: First survey"); undefined for other entries.
 */
export function surveyEntryTitle(e: LedgerEntry, lookup: SurveyLookup): string | undefined {
  if (e.kind === 'survey') {
    // The list's title first (the operator may have reworded it), else the one kept on the entry.
    const listed = e.surveyId ? lookup.surveyTitle?.(e.surveyId) : undefined;
    const title = listed || (e.surveyTitle && localized(e.surveyTitle, uiLocale()));
    return title ? t('entrySurvey', title) : t('entrySurveyUnknown');
  }
  if (e.kind === 'badge') {
    const name = e.badge ? BADGE_NAME[e.badge] : undefined;
    return name ? t('entryBadge', t(name)) : t('entryBadgeUnknown');
  }
  return undefined;
}
