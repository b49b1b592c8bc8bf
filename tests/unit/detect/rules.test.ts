import { describe, expect, it } from 'vitest';
import { detectRules } from '../../../utils/detect/rules';
import { doc } from './helpers';

const rule = {
  urlPattern: '/bestellabschluss',
  orderRef: { selector: '.order-number', regex: 'Nr\\.?\\s*(\\S+)' },
  total: { selector: '.total' },
};

describe('detectRules', () => {
  const d = doc(
    '<p class="order-number">Ihre Bestellung Nr. 2025-0042</p><p class="total">Summe: 1.299,00</p>',
  );
  it('reads reference and total on matching URLs, with the rule currency', () => {
    const f = detectRules({ url: 'https://x.example/bestellabschluss', document: d }, [
      { ...rule, currency: 'EUR' },
    ]);
    expect(f).toEqual([
      { kind: 'rule', orderRef: '2025-0042', total: { minor: 129900, currency: 'EUR' } },
    ]);
  });
  it('does nothing on other URLs', () => {
    expect(detectRules({ url: 'https://x.example/warenkorb', document: d }, [rule])).toEqual([]);
  });
  it('explains what failed instead of throwing', () => {
    const url = 'https://x.example/bestellabschluss';
    const notes = [
      detectRules({ url, document: d }, [rule])[0]?.note, // no currency
      detectRules({ url, document: d }, [{ ...rule, urlPattern: '(' }])[0]?.note,
      detectRules({ url, document: d }, [{ ...rule, orderRef: { selector: '##' } }])[0]?.note,
      detectRules({ url, document: d }, [{ ...rule, orderRef: { selector: '.nope' } }])[0]?.note,
      detectRules({ url, document: d }, [
        { ...rule, orderRef: { selector: '.total', regex: 'Nr (\\d+)' } },
      ])[0]?.note,
    ];
    expect(notes).toEqual([
      expect.stringContaining('no currency'),
      expect.stringContaining('invalid urlPattern'),
      expect.stringContaining('invalid selector'),
      expect.stringContaining('matched nothing'),
      expect.stringContaining('regex did not match'),
    ]);
  });
});
