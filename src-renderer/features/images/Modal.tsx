/** A modal dialog: labelled by its title, Escape closes it, focus moves in and comes back. */
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  title: string;
  /** Closing (Escape, ×, backdrop); undefined while the dialog must stay (a job is running). */
  onClose: (() => void) | undefined;
  children: ReactNode;
  /** Buttons, right-aligned under the content. */
  actions?: ReactNode;
  testId?: string;
  wide?: boolean;
}

export function Modal({ title, onClose, children, actions, testId, wide }: ModalProps): React.JSX.Element {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>(
      'input:not([disabled]), select:not([disabled]), button.primary:not([disabled]), textarea',
    );
    (first ?? box.current)?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && closeRef.current) {
        e.stopPropagation();
        closeRef.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div
        ref={box}
        className={wide ? 'modal modal-wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <header className="modal-head">
          <h3 id={titleId}>{title}</h3>
          {onClose && (
            <button type="button" className="icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          )}
        </header>
        <div className="modal-body">{children}</div>
        {actions && <footer className="modal-actions">{actions}</footer>}
      </div>
    </div>
  );
}
