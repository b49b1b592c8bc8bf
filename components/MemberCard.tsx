import './member-card.css';
import { code128Bars, groupedNumber, qrPath } from '@/utils/program/member-card';
import { t } from './i18n';

/** Whole CSS pixels per module, so every module lands on the pixel grid and stays sharp. */
const QR_PX = 7;
const BAR_PX = 2;
/** Bar height in modules: well over the 15 % of the width Code 128 scanners like. */
const BAR_HEIGHT = 36;

/**
 * The member card: the number as a QR code and as a Code 128 barcode with
 * the number under it, drawn here from the stored number (no network).
 * Black on white with the quiet zones inside each image, in either theme:
 * a till scanner needs the contrast, whatever the popup's colours.
 */
export function MemberCard({ number }: { number: string }) {
  const qr = qrPath(number);
  const bar = code128Bars(number);
  const grouped = groupedNumber(number);
  return (
    <div class="member-card" data-testid="member-card">
      <svg
        class="member-code"
        data-testid="card-qr"
        role="img"
        aria-label={t('cardQrLabel', grouped)}
        width={qr.size * QR_PX}
        height={qr.size * QR_PX}
        viewBox={`0 0 ${qr.size} ${qr.size}`}
        shape-rendering="crispEdges"
      >
        <rect width={qr.size} height={qr.size} fill="#fff" />
        <path d={qr.path} fill="#000" />
      </svg>
      <div class="member-label">
        <svg
          class="member-code"
          data-testid="card-barcode"
          role="img"
          aria-label={t('cardBarcodeLabel', grouped)}
          width={bar.width * BAR_PX}
          height={BAR_HEIGHT * BAR_PX}
          viewBox={`0 0 ${bar.width} ${BAR_HEIGHT}`}
          shape-rendering="crispEdges"
        >
          <rect width={bar.width} height={BAR_HEIGHT} fill="#fff" />
          <path
            d={bar.bars.map(([x, w]) => `M${x} 0h${w}v${BAR_HEIGHT}h-${w}z`).join('')}
            fill="#000"
          />
        </svg>
        <p class="member-number">
          <span class="sr-only">{t('cardNumberLabel')} </span>
          <span data-testid="card-number">{grouped}</span>
        </p>
      </div>
    </div>
  );
}
