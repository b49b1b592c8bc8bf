import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

/**
 * The icons the browsers and the stores need, as checked-in PNGs (made by
 * `npm run icons` from assets/icon.svg). Sizes are read from each file's
 * IHDR chunk, so a wrongly exported file fails, not only a missing one.
 */
const SIZES = [16, 32, 48, 96, 128];

function pngHeader(path: string): { width: number; height: number; colourType: number } {
  const b = readFileSync(path);
  expect(b.subarray(0, 8).toString('hex'), `${path} is a PNG`).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('latin1'), `${path} starts with IHDR`).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colourType: b[25]! };
}

describe('extension icons', () => {
  test.each(SIZES)('public/icon/%i.png is %i×%i with an alpha channel', (size) => {
    const h = pngHeader(`public/icon/${size}.png`);
    expect([h.width, h.height]).toEqual([size, size]);
    // 6 = RGBA: the rounded corners are transparent on any toolbar.
    expect(h.colourType).toBe(6);
  });

  // That the built packages' manifests list them and carry the files is release:check's job
  // (scripts/release/manifest.ts), run on the real packages by `npm run test:release`.
});

describe('store images', () => {
  test('the Chrome Web Store icon is 128×128 with transparency', () => {
    const h = pngHeader('store/assets/store-icon-128.png');
    expect([h.width, h.height, h.colourType]).toEqual([128, 128, 6]);
  });

  test.each(['en', 'de'])('the small promo tile (%s) is 440×280', (lang) => {
    const h = pngHeader(`store/assets/promo-small-440x280.${lang}.png`);
    expect([h.width, h.height]).toEqual([440, 280]);
  });
});
