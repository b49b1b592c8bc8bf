/**
 * Which dataLayer entries matter for purchase detection. Kept free of zod
 * and of the detectors, because the main-world probe (probe.ts) bundles it.
 */

export const COMMERCE_EVENTS = new Set([
  'purchase',
  'refund',
  'begin_checkout',
  'add_payment_info',
  'add_shipping_info',
  'add_to_cart',
  'remove_from_cart',
  'view_cart',
  'view_item',
  'view_item_list',
  'select_item',
]);

/** The arguments of a gtag call: a real array or an array-like `{0: 'event', 1: …}`. */
export function gtagArgs(e: unknown): unknown[] | null {
  if (Array.isArray(e)) return e;
  if (isObj(e) && typeof e['0'] === 'string' && !('event' in e)) {
    const out: unknown[] = [];
    for (let i = 0; i < 5 && String(i) in e; i++) out.push(e[String(i)]);
    return out;
  }
  return null;
}

/**
 * Whether a dataLayer entry may matter for purchase detection. The probe
 * hands only these to the content script: nothing else about the page leaves
 * the page's own world.
 */
export function isCommerceEntry(e: unknown): boolean {
  const args = gtagArgs(e);
  if (args) {
    if (args[0] === 'event') return typeof args[1] === 'string' && COMMERCE_EVENTS.has(args[1]);
    return args[0] === 'set' && isObj(args[1]) && 'currency' in args[1];
  }
  if (!isObj(e)) return false;
  return (
    'ecommerce' in e ||
    'transaction_id' in e ||
    (typeof e.event === 'string' && COMMERCE_EVENTS.has(e.event))
  );
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
