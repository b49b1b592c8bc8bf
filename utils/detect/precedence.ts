import type { Signal } from '../contract';

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
 *  8. `generic`   — labels and headings any shop prints ("Bestellnummer",
 *                   "Total"), older analytics queues, data attributes: the
 *                   weakest reading, for shops no other detector knows.
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
  'generic',
];
