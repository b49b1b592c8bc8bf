import type { Partner } from '../contract';
import { combine } from './combine';
import { detectDataLayer } from './datalayer';
import { detectJsonLd } from './jsonld';
import { detectMicrodata } from './microdata';
import { detectRules } from './rules';
import { detectTemplates } from './templates';
import type { DetectionResult, Finding, PageSnapshot } from './types';
import { errorText } from './values';
import { noClaim } from './why';

/**
 * Detects a purchase on an order-confirmation page. Pure: reads only the
 * snapshot (works on a browser Document and on linkedom's), never throws,
 * and returns either a Claim valid per the contract or the reason there is none.
 */
export function detectPurchase(
  page: PageSnapshot,
  partner: Pick<Partner, 'id' | 'rules'>,
  now: Date = new Date(),
): DetectionResult {
  const found: Finding[] = [];
  const run = (kind: Finding['kind'], detector: () => Finding[]) => {
    try {
      found.push(...detector());
    } catch (e) {
      found.push({ kind, note: `${kind} detector failed: ${errorText(e)}` });
    }
  };
  const url = typeof page?.url === 'string' ? page.url : '';
  const doc = page?.document;
  if (doc && typeof doc.querySelectorAll === 'function') {
    run('rule', () => detectRules({ url, document: doc }, partner?.rules ?? []));
    run('jsonld', () => detectJsonLd(doc));
    run('microdata', () => detectMicrodata(doc));
    run('template', () => detectTemplates({ url, document: doc }));
  } else {
    found.push({ kind: 'rule', note: 'no document to read' });
  }
  run('datalayer', () => detectDataLayer(Array.isArray(page?.dataLayer) ? page.dataLayer : []));
  try {
    const when = Number.isFinite(now?.getTime?.()) ? now : new Date();
    return combine(found, { partnerId: partner?.id ?? '', url, now: when });
  } catch (e) {
    return noClaim(found, 'none', `detection failed: ${errorText(e)}`);
  }
}
