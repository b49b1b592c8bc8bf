/**
 * The toolbar badge on an enabled partner's tab: its earn rate, "2/€", as
 * short as the badge allows (about four characters show); a rate that does
 * not fit shows its number alone ("0.5"), shortened if need be. `activate`: the partner needs an
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
  return full.length <= BADGE_MAX ? full : fitted(rate, format);
}

/**
 * The rate in at most BADGE_MAX characters, rounded down (the badge never
 * promises more than the rate; the title has it exactly): "12.7" for 12.75,
 * "0.12" for 0.125, and digits without grouping for 1000 ("1,000" is five).
 */
function fitted(rate: number, format: (n: number) => string): string {
  for (let decimals = 2; decimals >= 0; decimals--) {
    const scale = 10 ** decimals;
    const text = format(Math.floor(rate * scale) / scale);
    if (text.length <= BADGE_MAX) return text;
  }
  return String(Math.floor(rate)).slice(0, BADGE_MAX);
}

export const BADGE_COLOURS = { collecting: '#1a7f37', activate: '#9a6700' } as const;
