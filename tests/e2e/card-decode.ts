/**
 * Reads the member card's codes back the way a till's scanner would: from
 * pixels, with decoding libraries that know nothing of how they were drawn
 * (jsQR for the QR code, ZXing for Code 128). Shared by the e2e spec, the
 * demo and the unit test.
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export function pngPixels(png: Buffer): Rgba {
  const img = PNG.sync.read(png);
  return { data: new Uint8ClampedArray(img.data), width: img.width, height: img.height };
}

/** The QR code's text, or undefined when there is none to read. */
export function decodeQr({ data, width, height }: Rgba): string | undefined {
  return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data;
}

/** The Code 128 barcode's text, or undefined when there is none to read. */
export function decodeCode128({ data, width, height }: Rgba): string | undefined {
  const lum = new Uint8ClampedArray(width * height);
  for (let i = 0; i < lum.length; i++)
    lum[i] = (data[i * 4]! * 299 + data[i * 4 + 1]! * 587 + data[i * 4 + 2]! * 114) / 1000;
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  try {
    const bitmap = new BinaryBitmap(
      new HybridBinarizer(new RGBLuminanceSource(lum, width, height)),
    );
    const result = reader.decode(bitmap, hints);
    return result.getBarcodeFormat() === BarcodeFormat.CODE_128 ? result.getText() : undefined;
  } catch {
    return undefined;
  }
}
