import type { Money, Signal } from '../contract';
import { CONFLICT_MAX, MAX_CONFLICTS, toStorableText } from '../contract/rules';
import { formatMoney } from '../money';
import { checkClaim } from './check';
import type { DetectionResult, Finding } from './types';

/**
 * Which detector wins when detectors disagree on order reference or total.
 *
 *  1. `rule`      — written by the operator for this partner and URL and
 *                   checked against the partner's real page: the most specific.
 *  2. `jsonld`    — an explicit schema.org Order, meant to describe exactly this
 *                   order (also what mail clients read); typed numbers.
 *  3. `microdata` — the same vocabulary, but read from rendered markup, where
 *                   themes mix in formatted text; slightly more error-prone.
 *  4. `datalayer` — GA4 ecommerce for analytics: `value` is whatever the tag
 *                   set-up sends (often without shipping or tax), so a weaker
 *                   statement of the order total than the shop's own markup.
 *  5. `gtag`      — the same GA4 data sent directly; ranked below GTM's push
 *                   only so that
 *                   the ranking has no ties (both carry the same data).
 *  6. `ua`        — Universal Analytics, switched off by Google in 2023; tags
 *                   still firing are often stale leftovers.
 *  7. `template`  — the shop system's own confirmation markup (templates/),
 *                   read by class names and labels: right on the stock
 *                   template, but themes rewrite it, so every explicit
 *                   statement of the order outranks it.
 *
 * A stated total beats one summed from line items, whatever the detector.
 */
export const PRECEDENCE: readonly Signal[] = [
  'rule',
  'jsonld',
  'microdata',
  'datalayer',
  'gtag',
  'ua',
  'template',
];

/** Orders dated further from "now" than this are not the order just placed. */
const CURRENT_ORDER_WINDOW_MS = 2 * 24 * 3600 * 1000;

export interface CombineContext {
  partnerId: string;
  url: string;
  now: Date;
}

export function sameRef(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  // Magento prints "000000123" where analytics may send "123".
  return /^\d+$/.test(a) && /^\d+$/.test(b) && a.replace(/^0+/, '') === b.replace(/^0+/, '');
}

const sameMoney = (a: Money, b: Money) => a.minor === b.minor && a.currency === b.currency;

interface Candidate {
  kind: Signal;
  ref: string;
  finding: Finding;
  /** Every finding of this kind for this ref (for tax/shipping and agreement). */
  all: Finding[];
}

export function combine(found: Finding[], ctx: CombineContext): DetectionResult {
  const usable = found.filter((f) => f.orderRef && !f.veto);
  const vetoes = found.filter((f) => f.veto);
  const notes: string[] = [];
  const ambiguous: string[] = [];

  // Per detector: the distinct order references it saw.
  const byKind = new Map<Signal, Map<string, Finding[]>>();
  for (const f of usable) {
    const refs = byKind.get(f.kind) ?? new Map<string, Finding[]>();
    const key = [...refs.keys()].find((r) => sameRef(r, f.orderRef!)) ?? f.orderRef!;
    refs.set(key, [...(refs.get(key) ?? []), f]);
    byKind.set(f.kind, refs);
  }
  const single = (k: Signal) => {
    const refs = byKind.get(k);
    return refs && refs.size === 1 ? [...refs.keys()][0] : undefined;
  };

  const candidates: Candidate[] = [];
  for (const kind of PRECEDENCE) {
    const refs = byKind.get(kind);
    if (!refs) continue;
    let pick = [...refs.keys()];
    if (pick.length > 1) {
      pick = disambiguate(pick, refs, kind, ctx, single);
      if (pick.length !== 1) {
        ambiguous.push(`${kind}: ${refs.size} orders (${[...refs.keys()].slice(0, 5).join(', ')})`);
        continue;
      }
      notes.push(`${kind}: ${refs.size} orders on the page; ${pick[0]} taken as the current one`);
    }
    const ref = pick[0]!;
    const all = refs.get(ref)!;
    const withTotal =
      all.find((f) => f.total && !f.totalFromItems) ?? all.find((f) => f.total) ?? all[0]!;
    candidates.push({ kind, ref, finding: withTotal, all });
  }

  if (candidates.length === 0) {
    const veto = vetoes[0]?.veto;
    if (veto) return { claim: null, found, reason: veto };
    if (ambiguous.length) {
      return {
        claim: null,
        found,
        reason: `ambiguous: several orders on the page and none marked as the current one (${ambiguous.join('; ')})`,
      };
    }
    return { claim: null, found, reason: 'no purchase signal on the page' };
  }

  const winner =
    candidates.find((c) => c.finding.total && !c.finding.totalFromItems) ??
    candidates.find((c) => c.finding.total);
  if (!winner) {
    return { claim: null, found, reason: `order ${candidates[0]!.ref} found, but no usable total` };
  }
  const total = winner.finding.total!;

  const veto = vetoes.find((v) => !v.orderRef || sameRef(v.orderRef, winner.ref));
  if (veto) return { claim: null, found, reason: veto.veto! };
  if (total.minor === 0) {
    return { claim: null, found, reason: `zero-value order ${winner.ref}: earns no points` };
  }

  const signals: Signal[] = [];
  const conflicts: string[] = [];
  for (const c of candidates) {
    if (!sameRef(c.ref, winner.ref)) {
      conflicts.push(
        `${c.kind} says order ${c.ref}, ${winner.kind} says ${winner.ref}; ${winner.kind} wins by precedence`,
      );
      continue;
    }
    const t = c.finding.total;
    if (c !== winner && t && !sameMoney(t, total)) {
      conflicts.push(
        `${c.kind} total ${formatMoney(t)} differs from ${winner.kind} total ${formatMoney(total)}; ${winner.kind} wins by precedence`,
      );
      continue;
    }
    signals.push(c.kind);
  }
  conflicts.push(...notes.map((n) => `${n}`));
  if (ambiguous.length) conflicts.push(`ignored as ambiguous: ${ambiguous.join('; ')}`);

  // Tax and shipping from the winner, else from any detector naming the same
  // order (even one whose total differs: GA4 `value` often excludes them, yet
  // states them correctly).
  const sameOrder = candidates.filter((c) => sameRef(c.ref, winner.ref));
  const pickExtra = (key: 'tax' | 'shipping'): Money | undefined => {
    for (const c of [winner, ...sameOrder]) {
      for (const f of [c.finding, ...c.all]) {
        const m = f[key];
        if (m && m.currency === total.currency && m.minor <= total.minor) return m;
      }
    }
    return undefined;
  };
  const tax = pickExtra('tax');
  const shipping = pickExtra('shipping');

  const parsed = checkClaim({
    partnerId: ctx.partnerId,
    orderRef: winner.ref,
    total,
    ...(tax ? { tax } : {}),
    ...(shipping ? { shipping } : {}),
    detectedAt: ctx.now.toISOString(),
    signals: signals.slice(0, 10),
    conflicts: conflicts.slice(0, MAX_CONFLICTS).map((c) => toStorableText(c, CONFLICT_MAX)),
  });
  if (!parsed.ok) {
    return {
      claim: null,
      found,
      reason: toStorableText(`claim failed validation: ${parsed.reason}`, 300),
    };
  }
  return { claim: parsed.claim, found };
}

/** Narrows several order references of one detector to the current order, if the page says which. */
function disambiguate(
  refs: string[],
  byRef: Map<string, Finding[]>,
  kind: Signal,
  ctx: CombineContext,
  single: (k: Signal) => string | undefined,
): string[] {
  // 1. The order number in the URL (/order-received/123/, ?order=123).
  const tokens = safeDecode(ctx.url).split(/[^A-Za-z0-9_-]+/);
  const inUrl = refs.filter((r) => tokens.some((t) => sameRef(t, r)));
  if (inUrl.length === 1) return inUrl;
  // 2. The order another detector names unambiguously.
  const others = PRECEDENCE.filter((k) => k !== kind)
    .map(single)
    .filter((r): r is string => !!r);
  const confirmed = refs.filter((r) => others.some((o) => sameRef(o, r)));
  if (confirmed.length === 1) return confirmed;
  // 3. The only order dated close to now (an order history lists older ones).
  const recent = refs.filter((r) =>
    byRef.get(r)!.some((f) => {
      const t = f.orderDate ? Date.parse(f.orderDate) : Number.NaN;
      return Number.isFinite(t) && Math.abs(ctx.now.getTime() - t) <= CURRENT_ORDER_WINDOW_MS;
    }),
  );
  if (recent.length === 1) return recent;
  return refs;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
