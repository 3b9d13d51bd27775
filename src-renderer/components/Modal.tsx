/**
 * The one modal dialog of the window (Images, transfer and Containers dialogs): a native
 * `<dialog>` opened with `showModal()`, so the rest of the window is inert and focus stays inside;
 * labelled by its title; Escape (the dialog's `cancel`), × and a click on the backdrop close it,
 * unless `onClose` is undefined (a job is running and the dialog must stay). Focus goes to the
 * element marked `data-autofocus`, else the first field or primary button, and comes back after.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { defineMessages, useMessages } from '../i18n/messages';
import './modal.css';

const msg = defineMessages({ en: { close: 'Close' }, zh: { close: '关闭' } });

export interface ModalProps {
  title: string;
  /** Closing (Escape, ×, backdrop); undefined while the dialog must stay (a job is running). */
  onClose: (() => void) | undefined;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  actions?: ReactNode;
  testId?: string;
  /** 760 px instead of 520 px. */
  wide?: boolean;
  /** Extra classes on the `<dialog>` (a feature's own layout). */
  className?: string;
  /** `alertdialog` for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
}

const FOCUS_FIRST =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button.primary:not([disabled])';

/** Whether a click at (x, y) fell outside the dialog's box, i.e. on its `::backdrop`. */
export function outsideBox(
  rect: Pick<DOMRect, 'left' | 'right' | 'top' | 'bottom'>,
  x: number,
  y: number,
): boolean {
  return x < rect.left || x > rect.right || y < rect.top || y > rect.bottom;
}

export function Modal(props: ModalProps): React.JSX.Element {
  const { title, onClose, children, actions, testId, wide, className, role } = props;
  const m = useMessages(msg);
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    (
      d.querySelector<HTMLElement>('[data-autofocus]') ??
      d.querySelector<HTMLElement>(FOCUS_FIRST) ??
      d
    ).focus();
    return () => {
      d.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  const classes = ['modal', wide ? 'modal-wide' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <dialog
      ref={ref}
      className={classes}
      role={role}
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid={testId}
      onCancel={(e) => {
        // Escape: the dialog is React's to close (or to keep while a job runs).
        e.preventDefault();
        closeRef.current?.();
      }}
      onMouseDown={(e) => {
        if (
          e.target === e.currentTarget &&
          outsideBox(e.currentTarget.getBoundingClientRect(), e.clientX, e.clientY)
        )
          closeRef.current?.();
      }}
    >
      <header className="modal-head">
        <h3 id={titleId}>{title}</h3>
        {onClose && (
          <button type="button" className="icon" aria-label={m.close} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div className="modal-body">{children}</div>
      {actions && <footer className="modal-actions">{actions}</footer>}
    </dialog>
  );
}
