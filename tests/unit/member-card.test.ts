import { describe, expect, it } from 'vitest';
import {
  BARCODE_QUIET,
  code128Bars,
  groupedNumber,
  QR_QUIET,
  qrPath,
} from '../../utils/program/member-card';
import { decodeCode128, decodeQr } from '../e2e/card-decode';

/** Paints SVG path squares "M x y h1v1h-1z" into an RGBA bitmap, `px` pixels per module. */
function qrBitmap(number: string, px = 4) {
  const { size, path } = qrPath(number);
  const w = size * px;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const [x, y] = [Number(m[1]), Number(m[2])];
    for (let dy = 0; dy < px; dy++)
      for (let dx = 0; dx < px; dx++) {
        const i = ((y * px + dy) * w + x * px + dx) * 4;
        rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
      }
  }
  return { data: rgba, width: w, height: w, size };
}

/** The bars as an RGBA bitmap, `px` pixels per module, `h` rows high. */
function barcodeBitmap(number: string, px = 2, h = 60) {
  const { width, bars } = code128Bars(number);
  const w = width * px;
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  for (const [x, bw] of bars)
    for (let row = 0; row < h; row++)
      for (let c = x * px; c < (x + bw) * px; c++)
        rgba.fill(0, (row * w + c) * 4, (row * w + c) * 4 + 3);
  return { data: rgba, width: w, height: h, modules: width, bars };
}

describe('member card codes', () => {
  const numbers = ['1234567890123456', '0000000000000001', '9876543210987654'];

  it.each(numbers)('the QR code of %s decodes to the number, with a 4-module quiet zone', (n) => {
    const { size, ...pixels } = qrBitmap(n);
    expect(decodeQr(pixels)).toBe(n);
    // Nothing dark in the quiet zone: no module path starts in the border rows or columns.
    const { path } = qrPath(n);
    for (const m of path.matchAll(/M(\d+) (\d+)/g)) {
      for (const c of [Number(m[1]), Number(m[2])]) {
        expect(c).toBeGreaterThanOrEqual(QR_QUIET);
        expect(c).toBeLessThan(size - QR_QUIET);
      }
    }
  });

  it.each(numbers)(
    'the Code 128 barcode of %s decodes to the number, with 10-module quiet zones',
    (n) => {
      const { modules: width, bars, ...pixels } = barcodeBitmap(n);
      expect(decodeCode128(pixels)).toBe(n);
      const first = bars[0]!;
      const last = bars[bars.length - 1]!;
      expect(first[0]).toBe(BARCODE_QUIET);
      expect(width - (last[0] + last[1])).toBe(BARCODE_QUIET);
    },
  );

  it('16 digits go in set C: a compact barcode that fits the popup at 2 px a module', () => {
    expect(code128Bars('1234567890123456').width * 2).toBeLessThanOrEqual(300);
  });

  it('shows the number in groups of four', () => {
    expect(groupedNumber('1234567890123456')).toBe('1234 5678 9012 3456');
  });
});
