import { localeFromLang } from '../../money';
import type { Finding } from '../types';
import { errorText, LIMITS } from '../values';
import type { ShopTemplate, TemplatePage } from './dom';
import { jtl } from './jtl';
import { magento2 } from './magento2';
import { oxid } from './oxid';
import { prestashop } from './prestashop';
import { shopify } from './shopify';
import { shopware6 } from './shopware6';
import { woocommerce } from './woocommerce';

/** The shop systems whose own confirmation template is read (one module each). */
export const TEMPLATES: readonly ShopTemplate[] = [
  woocommerce,
  shopware6,
  magento2,
  shopify,
  prestashop,
  oxid,
  jtl,
];

/**
 * Reads the order from the confirmation template of the shop system the page
 * comes from, for pages without analytics or structured data. A system is
 * recognised first; a page no system recognises gives no finding here.
 */
export function detectTemplates(page: { url: string; document: Document }): Finding[] {
  const p: TemplatePage = {
    url: page.url,
    document: page.document,
    locale: localeFromLang(page.document.documentElement?.getAttribute('lang')),
  };
  const out: Finding[] = [];
  for (const t of TEMPLATES) {
    try {
      if (!t.recognise(p)) continue;
      out.push({ kind: 'template', ...t.read(p) });
    } catch (e) {
      out.push({ kind: 'template', note: `${t.system} template failed: ${errorText(e)}` });
    }
  }
  return out.slice(0, LIMITS.findings);
}
