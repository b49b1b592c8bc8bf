/**
 * The toolbar badge on an enabled partner's tab: its earn rate, "2/€", as
 * short as the badge allows (about four characters show); a rate that does
 * not fit shows its number alone ("0.5"). `activate`: the partner needs an
 * activation that is not made yet — an exclamation mark, never the rate, so
 * the badge never suggests points are being collected when they are not.
 */
export const BADGE_MAX = 4;

export function badgeText(
  rate: number,
  symbol: string,
  format: (n: number) => string,
  activate = false,
): string {
  if (activate) return '!';
  const n = format(rate);
  const full = `${n}/${symbol}`;
  return full.length <= BADGE_MAX ? full : n.slice(0, BADGE_MAX);
}

export const BADGE_COLOURS = { collecting: '#1a7f37', activate: '#9a6700' } as const;
