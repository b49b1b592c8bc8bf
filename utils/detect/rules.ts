import type { PartnerRule } from '../contract';
import { localeFromLang, parseAmount } from '../money';
import type { Finding } from './types';
import { errorText, LIMITS, orderRefFrom } from './values';

/**
 * Per-partner rules (contract `PartnerRule`) for shops without structured
 * data: on URLs matching `urlPattern`, read the order reference and total
 * from the first element matching each selector, optionally narrowed by a
 * regex (capture group 1, else the whole match). The total's text is parsed
 * with parseAmount, `rule.currency` filling in a missing currency.
 */
export function detectRules(
  page: { url: string; document: Document },
  rules: readonly PartnerRule[],
): Finding[] {
  const out: Finding[] = [];
  const locale = localeFromLang(page.document.documentElement?.getAttribute('lang'));
  rules.slice(0, 20).forEach((rule, i) => {
    const name = `rule ${i + 1}`;
    let url: RegExp;
    try {
      url = new RegExp(rule.urlPattern);
    } catch (e) {
      out.push({ kind: 'rule', note: `${name}: invalid urlPattern (${errorText(e)})` });
      return;
    }
    if (!url.test(page.url)) return;
    const ref = read(page.document, rule.orderRef);
    if (typeof ref !== 'string') {
      out.push({ kind: 'rule', note: `${name}: orderRef ${ref.reason}` });
      return;
    }
    const orderRef = orderRefFrom(ref);
    if (!orderRef) {
      out.push({ kind: 'rule', note: `${name}: orderRef text is not an order reference` });
      return;
    }
    const f: Finding = { kind: 'rule', orderRef };
    const totalText = read(page.document, rule.total);
    if (typeof totalText !== 'string') f.note = `${name}: total ${totalText.reason}`;
    else {
      const m = parseAmount(totalText, { currency: rule.currency, locale });
      if (m.ok) f.total = m.money;
      else f.note = `${name}: total not usable (${m.reason})`;
    }
    out.push(f);
  });
  return out.slice(0, LIMITS.findings);
}

function read(doc: Document, sel: PartnerRule['orderRef']): string | { reason: string } {
  let el: Element | null;
  try {
    el = doc.querySelector(sel.selector);
  } catch (e) {
    return { reason: `invalid selector (${errorText(e)})` };
  }
  if (!el) return { reason: `selector matched nothing (${sel.selector.slice(0, 80)})` };
  const raw =
    el.tagName.toLowerCase() === 'input'
      ? (el.getAttribute('value') ?? '')
      : (el.getAttribute('content') ?? el.textContent ?? '');
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, LIMITS.text);
  if (!sel.regex) return text;
  let re: RegExp;
  try {
    re = new RegExp(sel.regex, 'u');
  } catch {
    try {
      re = new RegExp(sel.regex);
    } catch (e) {
      return { reason: `invalid regex (${errorText(e)})` };
    }
  }
  const m = re.exec(text);
  if (!m) return { reason: 'regex did not match' };
  return (m[1] ?? m[0]).trim();
}
