import { CODE128 } from 'jsbarcode/bin/barcodes/CODE128';
import { encode } from 'uqr';

/** Quiet zones the standards ask for: 4 modules around a QR code, 10 on each side of Code 128. */
export const QR_QUIET = 4;
export const BARCODE_QUIET = 10;

/**
 * The QR code of the member number, quiet zone included, as one SVG path
 * (a 1×1 square per dark module) and its size in modules. Medium error
 * correction: a phone's glare or a scratched screen still scans.
 */
export function qrPath(number: string): { size: number; path: string } {
  const qr = encode(number, { ecc: 'M', border: QR_QUIET });
  let path = '';
  qr.data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return { size: qr.size, path };
}

/**
 * The Code 128 bars of the member number (JsBarcode picks the character set:
 * 16 digits go in set C, two to a symbol), each bar as [x, width] in modules,
 * with the quiet zones counted in `width`.
 */
export function code128Bars(number: string): { width: number; bars: [number, number][] } {
  const code = new CODE128(number, {});
  if (!code.valid()) throw new RangeError('not encodable in Code 128');
  const modules = code.encode().data;
  const bars: [number, number][] = [];
  for (let i = 0; i < modules.length; i++) {
    if (modules[i] !== '1') continue;
    const start = i;
    while (modules[i + 1] === '1') i++;
    bars.push([BARCODE_QUIET + start, i - start + 1]);
  }
  return { width: modules.length + 2 * BARCODE_QUIET, bars };
}

/** "1234 5678 9012 3456": easier to read out and to type at a till than 16 digits in a row. */
export function groupedNumber(number: string): string {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}
