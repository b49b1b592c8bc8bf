import type { MemberSurvey, SurveyList } from '@/utils/contract';

/**
 * The one survey the popup offers: the one already started here while it is
 * still listed, else the best (first) listed one not answered on this device
 * and still open. The server's list is a cache, so an answered or expired
 * survey may linger in it until the next fetch.
 */
export function surveyToShow(
  list: SurveyList | undefined,
  answered: ReadonlySet<string>,
  now: number,
  started?: string,
): MemberSurvey | undefined {
  const open = list?.surveys.filter((s) => !answered.has(s.id) && Date.parse(s.validUntil) > now);
  return open?.find((s) => s.id === started) ?? open?.[0];
}
