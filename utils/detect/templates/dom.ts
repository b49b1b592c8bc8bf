import type { Money } from '../../contract';
import { type AmountLocale, parseAmount } from '../../money';
import type { Finding } from '../types';
import { LIMITS, orderRefFrom } from '../values';

/** What a shop-system template detector reads: the page and the locale its amounts are printed in. */
export interface TemplatePage {
  url: string;
  document: Document;
  locale: AmountLocale | undefined;
}

/** One shop system's order-confirmation template (one module per system). */
export interface ShopTemplate {
  /** Name used in notes and by `npm run detect` ("woocommerce"). */
  system: string;
  /** Cheap, strict recognition first: generator meta, body classes, template structure. */
  recognise(page: TemplatePage): boolean;
  /** The order reference and total from the template's own elements; a veto on failure pages. */
  read(page: TemplatePage): Omit<Finding, 'kind'>;
}

/** Elements matched, capped so a huge page costs bounded work. */
export function all(root: ParentNode, selector: string): Element[] {
  return Array.from(root.querySelectorAll(selector)).slice(0, LIMITS.items);
}

export const textOf = (el: Element | null | undefined): string =>
  el ? (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, LIMITS.text) : '';

/** The space-separated classes of `el` (linkedom and browsers alike). */
export function classes(el: Element | null | undefined): Set<string> {
  return new Set((el?.getAttribute('class') ?? '').split(/\s+/).filter(Boolean));
}

/** What several reads of one value say. */
export interface Agreed<T> {
  value?: T;
  /** Different values were found (two order numbers, two totals). */
  several?: boolean;
}

/** The one value among `values`; different values are ambiguous, and the template says nothing then rather than guess. */
export function agree<T>(values: (T | undefined)[], same: (a: T, b: T) => boolean): Agreed<T> {
  const found = values.filter((v): v is T => v !== undefined);
  if (found.length === 0) return {};
  return found.some((v) => !same(v, found[0]!)) ? { several: true } : { value: found[0]! };
}

/** `agree` over what `read` finds in the elements matching `selector`. */
export function single<T>(
  root: ParentNode,
  selector: string,
  read: (el: Element) => T | undefined,
  same: (a: T, b: T) => boolean,
): Agreed<T> {
  return agree(all(root, selector).map(read), same);
}

/** An order reference printed after its label: "Bestellnummer: #10042", "Order #1001", "Référence : XKBKNABJK". */
export function refIn(text: string): string | undefined {
  const m = /(?:^|[:#№]|\s)\s*#?\s*([A-Za-z0-9][A-Za-z0-9_./-]{1,63})\s*\.?$/.exec(text.trim());
  const ref = m?.[1]?.replace(/[.]$/, '');
  return ref && /\d/.test(ref) ? orderRefFrom(ref) : undefined;
}

/** What follows the last colon of a labelled line ("Order reference: XKBKNABJK"): letters alone count here. */
export function refAfterColon(el: Element): string | undefined {
  const text = textOf(el);
  const i = text.lastIndexOf(':');
  const ref = (i >= 0 ? text.slice(i + 1) : text).trim();
  return /^[A-Za-z0-9][A-Za-z0-9_./-]{2,63}$/.test(ref) ? orderRefFrom(ref) : undefined;
}

/** The element's text as an order reference (the whole text, or what follows its label). */
export const refOf = (el: Element): string | undefined => refIn(textOf(el));

export function moneyOf(el: Element, page: TemplatePage, currency?: string): Money | undefined {
  const r = parseAmount(textOf(el), { locale: page.locale, ...(currency ? { currency } : {}) });
  return r.ok ? r.money : undefined;
}

export const sameMoney = (a: Money, b: Money) => a.minor === b.minor && a.currency === b.currency;
export const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * A finding from the template's order reference and total, with the reason
 * in words when either is missing or ambiguous ("why no points?").
 */
export function templateFinding(
  system: string,
  ref: Agreed<string>,
  total: Agreed<Money>,
  what = 'order confirmation',
): Omit<Finding, 'kind'> {
  const f: Omit<Finding, 'kind'> = { confirmation: true };
  const notes: string[] = [];
  if (ref.value) f.orderRef = ref.value;
  else notes.push(ref.several ? 'two different order numbers' : 'no order number found');
  if (total.value) f.total = total.value;
  else notes.push(total.several ? 'two different totals' : 'no total found');
  // Two order numbers: the total cannot be trusted to belong to either.
  if (ref.several) delete f.total;
  f.note = `${system} ${what}${notes.length ? `: ${notes.join(', ')}` : ''}`;
  return f;
}

/**
 * Values printed next to a label ("Total:", "Gesamtsumme", "Montant total") in
 * the usual label/value pairs: `dt`/`dd`, `th`/`td`, two sibling cells or
 * spans, or "Label: value" in one element. Labels must match `label` as the
 * whole text of their element, so "Total savings" or prose never match.
 */
export function labelled(
  root: ParentNode,
  label: RegExp,
  scope = 'dt, th, td, span, strong, b, div, p, li, label',
): Element[] {
  const out: Element[] = [];
  for (const el of all(root, scope)) {
    const own = textOf(el);
    if (own.length > 80) continue;
    const m = label.exec(own);
    if (!m) continue;
    if (m[0].length === own.length) {
      // The label alone: the value is the next element (dd, td, the sibling span).
      const next = el.nextElementSibling ?? el.parentElement?.nextElementSibling;
      if (next && textOf(next).length <= 200) out.push(next);
    } else if (m.index === 0 && el.children.length > 0) {
      // "Label: <strong>value</strong>" in one element.
      out.push(el.children[el.children.length - 1]!);
    }
    if (out.length >= LIMITS.findings) break;
  }
  return out;
}
