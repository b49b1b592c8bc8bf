import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { formatPoints, pointsText, t, tPlural } from '@/components/i18n';

/**
 * One quiet, dismissible notice in a closed Shadow DOM, so the shop's CSS
 * cannot restyle it and ours cannot leak into the shop.
 */
const CSS = `
  .n{position:fixed;z-index:2147483647;right:16px;bottom:16px;max-width:320px;display:flex;gap:8px;align-items:start;
     background:#1f2429;color:#f2f4f6;font:14px/1.4 system-ui,sans-serif;padding:10px 12px;border-radius:10px;
     box-shadow:0 4px 16px rgba(0,0,0,.3)}
  button{font:inherit;background:transparent;color:inherit;border:1px solid #7d8790;border-radius:6px;cursor:pointer}
  button:focus-visible{outline:3px solid #7fb8f5}`;

/**
 * What the notice says about a recorded order. Honest about what is known:
 * the points are an estimate, pending until the partner confirms within its
 * usual window (the server may still refuse the claim), and with 0 (another
 * currency than the rate's) the partner sets them.
 */
export function recordedText(
  points: number,
  partnerName: string,
  confirmationDays: number,
): string {
  return points > 0
    ? tPlural(
        'noticeRecorded',
        confirmationDays,
        pointsText(points),
        partnerName,
        formatPoints(confirmationDays),
      )
    : t('noticeRecordedNoPoints', partnerName);
}

/** Which notice it is; on the host element, as the text sits in the closed shadow root. */
export type NoticeKind = 'recorded' | 'duplicate' | 'not-saved' | 'not-activated';

export const NOTICE_ID = 'pointpilot-notice';

export function showNotice(ctx: ContentScriptContext, text: string, kind: NoticeKind): void {
  document.getElementById(NOTICE_ID)?.remove();
  const host = document.createElement('div');
  host.id = NOTICE_ID;
  host.dataset.kind = kind;
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const box = document.createElement('div');
  box.className = 'n';
  box.setAttribute('role', 'status');
  const message = document.createElement('span');
  message.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  box.append(message, close);
  root.append(style, box);
  close.textContent = '×';
  close.setAttribute('aria-label', t('noticeDismiss'));
  close.addEventListener('click', () => host.remove());
  document.documentElement.append(host);
  ctx.onInvalidated(() => host.remove());
}
