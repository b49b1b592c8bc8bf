import type { Money, Signal } from '../contract';
import { CONFLICT_MAX, MAX_CONFLICTS, toStorableText } from '../contract/rules';
import { formatMoney } from '../money';
import { checkClaim } from './check';
import { PRECEDENCE } from './precedence';
import type { DetectionResult, Finding } from './types';
import { noClaim } from './why';

export { PRECEDENCE };

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
    if (veto) return noClaim(found, 'vetoed', veto, vetoes[0]?.orderRef);
    if (ambiguous.length) {
      const why = `ambiguous: several orders on the page and none marked as the current one (${ambiguous.join('; ')})`;
      return noClaim(found, 'ambiguous', why);
    }
    if (found.some((f) => f.confirmation))
      return noClaim(
        found,
        'no-order-ref',
        'the page looks like an order confirmation, but no order number was found',
      );
    return noClaim(found, 'none', 'no purchase signal on the page');
  }

  const winner =
    candidates.find((c) => c.finding.total && !c.finding.totalFromItems) ??
    candidates.find((c) => c.finding.total);
  if (!winner) {
    const ref = candidates[0]!.ref;
    return noClaim(found, 'no-total', `order ${ref} found, but no usable total`, ref);
  }
  const total = winner.finding.total!;

  const veto = vetoes.find((v) => !v.orderRef || sameRef(v.orderRef, winner.ref));
  if (veto) return noClaim(found, 'vetoed', veto.veto!, winner.ref);
  if (total.minor === 0)
    return noClaim(
      found,
      'zero-value',
      `zero-value order ${winner.ref}: earns no points`,
      winner.ref,
    );

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
    const why = toStorableText(`claim failed validation: ${parsed.reason}`, 300);
    return noClaim(found, 'invalid', why, winner.ref);
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
