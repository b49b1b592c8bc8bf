import { describe, expect, it } from 'vitest';
import { Partner } from '../../utils/contract';
import { PartnerIndex, partnerOrigins, siteKey } from '../../utils/partners';

const p = (id: string, domains: string[]) =>
  Partner.parse({ id, name: id, domains, earn: { pointsPerUnit: 1, currency: 'EUR' } });

describe('siteKey', () => {
  it('uses the registrable domain, not string tricks', () => {
    expect(siteKey('https://www.shop.example.co.uk/checkout')).toBe('example.co.uk');
    expect(siteKey('https://SHOP.Example.com:8443/x?y')).toBe('example.com');
    expect(siteKey('http://127.0.0.1:5173/order')).toBe('127.0.0.1');
    expect(siteKey('http://localhost:3000/')).toBe('localhost');
  });
  it('has no key for non-web URLs or garbage', () => {
    expect(siteKey('chrome://extensions')).toBeNull();
    expect(siteKey('about:blank')).toBeNull();
    expect(siteKey('not a url')).toBeNull();
  });
});

describe('PartnerIndex', () => {
  const index = new PartnerIndex([p('alpha', ['alpha.de']), p('demo', ['127.0.0.1'])]);
  it('matches subdomains of a partner domain', () => {
    expect(index.byUrl('https://checkout.alpha.de/thanks')?.id).toBe('alpha');
  });
  it('does not match look-alike hosts', () => {
    expect(index.byUrl('https://alpha.de.evil.example/')).toBeUndefined();
    expect(index.byUrl('https://notalpha.de/')).toBeUndefined();
    expect(index.byUrl('https://alpha.de@evil.example/')).toBeUndefined();
  });
  it('matches IP hosts exactly, on any port', () => {
    expect(index.byUrl('http://127.0.0.1:4321/')?.id).toBe('demo');
    expect(index.byUrl('http://127.0.0.2:4321/')).toBeUndefined();
  });
});

describe('partnerOrigins', () => {
  it('asks for the domain and its subdomains over https', () => {
    expect(partnerOrigins({ domains: ['alpha.de'] })).toEqual([
      'https://alpha.de/*',
      'https://*.alpha.de/*',
    ]);
  });
  it('asks for exactly the IP host', () => {
    expect(partnerOrigins({ domains: ['127.0.0.1'] })).toEqual([
      'http://127.0.0.1/*',
      'https://127.0.0.1/*',
    ]);
  });
});
