import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from './i18n';

/**
 * The modal "are you sure?" before points are spent (a redemption, a
 * donation): opens while `open`, with the focus on the yes button; Cancel
 * and Escape close it. `children` is the question (its element with id
 * `labelId` names the dialog) and any note.
 */
export function ConfirmDialog({
  open,
  labelId,
  testId,
  yesLabel,
  onYes,
  onClosed,
  children,
}: {
  open: boolean;
  labelId: string;
  testId: string;
  yesLabel: string;
  /** The user said yes; the dialog is closing. */
  onYes: () => void;
  /** Closed either way: after a yes (`confirmed`), or by Cancel or Escape. */
  onClosed: (confirmed: boolean) => void;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  useEffect(() => {
    if (!open || dialog.current?.open) return;
    dialog.current?.showModal();
    yes.current?.focus();
  }, [open]);
  const closed = () => {
    const was = confirmed.current;
    confirmed.current = false;
    onClosed(was);
  };
  const accept = () => {
    confirmed.current = true;
    dialog.current?.close();
    onYes();
  };
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby={labelId}
      data-testid={testId}
      onClose={closed}
    >
      {open && (
        <>
          {children}
          <div class="row-buttons">
            <button ref={yes} type="button" onClick={accept}>
              {yesLabel}
            </button>
            <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
              {t('cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
