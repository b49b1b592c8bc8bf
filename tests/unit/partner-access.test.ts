import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  accessOf,
  chosenIds,
  disablePartner,
  enabledPartnerIds,
  enablePartner,
  noteGranted,
  offIds,
  PARTNER_ACCESS_KEY,
  partnerAccess,
  resumePartner,
} from '../../components/partner-access';
import { Partner } from '../../utils/contract';

const p = (id: string, domains: string[]) =>
  Partner.parse({ id, name: id, domains, earn: { pointsPerUnit: 1, currency: 'EUR' } });
const demo = p('demo-shop', ['127.0.0.1']);
const alpha = p('alpha', ['alpha.example']);

let granted: Set<string>;
let answer: boolean;
let requests: string[][];

beforeEach(() => {
  granted = new Set();
  answer = true;
  requests = [];
  const perms = fakeBrowser.permissions as unknown as Record<string, unknown>;
  perms.contains = vi.fn(async ({ origins }: { origins: string[] }) =>
    origins.every((o) => granted.has(o)),
  );
  // The browser's question: `answer` is what the user clicks.
  perms.request = vi.fn(async ({ origins }: { origins: string[] }) => {
    requests.push(origins);
    if (answer) for (const o of origins) granted.add(o);
    return answer;
  });
  perms.remove = vi.fn(async ({ origins }: { origins: string[] }) => {
    for (const o of origins) granted.delete(o);
    return true;
  });
});

describe('accessOf', () => {
  it('tells on, never turned on and access removed apart', () => {
    expect(accessOf('a', new Set(['a']), new Set())).toBe('on');
    expect(accessOf('a', new Set(), new Set())).toBe('off');
    expect(accessOf('a', new Set(), new Set(['a']))).toBe('removed');
  });
});

describe('enabling a partner', () => {
  it('when the user says no, it is "denied" and nothing is stored or changed', async () => {
    answer = false;
    expect(await enablePartner(demo)).toBe('denied');
    expect(requests).toEqual([['http://127.0.0.1/*', 'https://127.0.0.1/*']]);
    expect(await fakeBrowser.storage.local.get(PARTNER_ACCESS_KEY)).toEqual({});
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('off');
  });

  it('a refusal that throws (no user gesture) is a denial too, not a crash', async () => {
    (fakeBrowser.permissions as unknown as Record<string, unknown>).request = vi.fn(async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    expect(await enablePartner(demo)).toBe('denied');
  });

  it('when the user says yes, the partner is on and remembered as turned on', async () => {
    expect(await enablePartner(alpha)).toBe('on');
    expect([...(await chosenIds())]).toEqual(['alpha']);
    expect((await partnerAccess([alpha, demo])).get('alpha')).toBe('on');
  });
});

describe('access removed by the browser', () => {
  it('a partner turned on whose grant is gone (revoked, or missing at start-up) reads "removed"', async () => {
    await enablePartner(alpha);
    granted.clear(); // about:addons, origin controls
    const access = await partnerAccess([alpha, demo]);
    expect(access.get('alpha')).toBe('removed');
    expect(access.get('demo-shop')).toBe('off');
    // Allowing again brings it back.
    expect(await enablePartner(alpha)).toBe('on');
    expect((await partnerAccess([alpha])).get('alpha')).toBe('on');
  });

  it('grants made elsewhere (the manifest, onboarding) count as turned on', async () => {
    granted.add('http://127.0.0.1/*');
    await noteGranted([demo, alpha]);
    granted.clear();
    expect((await partnerAccess([demo, alpha])).get('demo-shop')).toBe('removed');
  });

  it('turning a partner off here is "off", not "removed"', async () => {
    await enablePartner(alpha);
    expect(await disablePartner(alpha)).toBe('removed');
    expect((await partnerAccess([alpha])).get('alpha')).toBe('off');
    expect([...(await offIds())]).toEqual([]); // given back: nothing to remember
  });
});

describe('a grant the browser will not give back (the manifest pre-grants it)', () => {
  beforeEach(() => {
    granted.add('http://127.0.0.1/*');
    // Chrome: "You cannot remove required permissions."
    (fakeBrowser.permissions as unknown as Record<string, unknown>).remove = vi.fn(async () => {
      throw new Error('You cannot remove required permissions.');
    });
  });

  it('turning it off still makes it off, remembered as off, and granting again elsewhere does not undo that', async () => {
    await noteGranted([demo]);
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('on');
    expect(await disablePartner(demo)).toBe('kept');
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('off');
    expect([...(await offIds())]).toEqual(['demo-shop']);
    expect([...(await enabledPartnerIds([demo]))]).toEqual([]);
    await noteGranted([demo]); // the background's resync after any permission event
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('off');
  });

  it('turning it on again clears "off"', async () => {
    await disablePartner(demo);
    expect(await enablePartner(demo)).toBe('on');
    expect([...(await offIds())]).toEqual([]);
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('on');
    expect([...(await enabledPartnerIds([demo]))]).toEqual(['demo-shop']);
  });

  it('turning it on asks nothing of the browser: the grant never went away', async () => {
    await disablePartner(demo);
    answer = false; // headless Chromium, or a user who would say no to the partner's other sites
    expect(await enablePartner(demo)).toBe('on');
    await disablePartner(demo);
    expect(await resumePartner(demo)).toBe('on');
    expect((await partnerAccess([demo])).get('demo-shop')).toBe('on');
  });
});
