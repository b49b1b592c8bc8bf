import type { MessageKey } from '@/components/i18n';

/**
 * The popup's sections, in tab order. Later issues add theirs here
 * ('card', 'survey'), each with a view file next to App.tsx and a case in
 * App's panel switch. The wallet lives in Rewards (where vouchers come from),
 * so five short labels fit one row at 360 px in English and German (the
 * member card's e2e spec measures it).
 */
export const SECTIONS = [
  { id: 'home', label: 'popupHome' },
  { id: 'activity', label: 'popupActivity' },
  { id: 'coupons', label: 'popupCoupons' },
  { id: 'rewards', label: 'popupRewards' },
  { id: 'card', label: 'popupCard' },
] as const satisfies readonly { id: string; label: MessageKey }[];

export type SectionId = (typeof SECTIONS)[number]['id'];

/** The section an arrow, Home or End key moves to from `current`, wrapping around. */
export function sectionAfterKey(current: SectionId, key: string): SectionId | undefined {
  const i = SECTIONS.findIndex((s) => s.id === current);
  const n = SECTIONS.length;
  let j: number;
  if (key === 'ArrowRight' || key === 'ArrowDown') j = (i + 1) % n;
  else if (key === 'ArrowLeft' || key === 'ArrowUp') j = (i - 1 + n) % n;
  else if (key === 'Home') j = 0;
  else if (key === 'End') j = n - 1;
  else return undefined;
  return SECTIONS[j]!.id;
}
