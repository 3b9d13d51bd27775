/**
 * The parts every form dialog repeats: a form that never navigates (Enter or a submit button calls
 * `onSubmit`), the Cancel + primary button pair, a Modal holding a form, and the busy/error state of
 * one submit. Texts, classes and test ids stay the caller's.
 */
import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { Modal, type ModalProps } from './Modal';

export function SubmitForm({
  id,
  className,
  onSubmit,
  children,
}: {
  id?: string;
  className?: string;
  onSubmit: () => void;
  children: ReactNode;
}): React.JSX.Element {
  return (
    <form
      id={id}
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A Modal whose content is one form (its buttons inside, or outside with `form={formId}`). */
export function FormDialog({
  formId,
  formClassName,
  onSubmit,
  children,
  ...modal
}: ModalProps & { formId?: string; formClassName?: string; onSubmit: () => void }): React.JSX.Element {
  return (
    <Modal {...modal}>
      <SubmitForm id={formId} className={formClassName} onSubmit={onSubmit}>
        {children}
      </SubmitForm>
    </Modal>
  );
}

export interface PrimaryAction {
  label: ReactNode;
  disabled: boolean;
  /** A click handler makes it a plain button; without one it submits (its form, or `form`). */
  onClick?: () => void;
  form?: string;
  className?: string;
  testId?: string;
}

/** Cancel (or Close) then the primary button, as a dialog's footer holds them. */
export function DialogActions({
  cancel,
  onCancel,
  cancelDisabled,
  primary,
}: {
  cancel: ReactNode;
  onCancel: () => void;
  cancelDisabled?: boolean;
  primary: PrimaryAction | null;
}): React.JSX.Element {
  return (
    <>
      <button type="button" onClick={onCancel} disabled={cancelDisabled}>
        {cancel}
      </button>
      {primary && (
        <button
          type={primary.onClick ? 'button' : 'submit'}
          form={primary.form}
          className={primary.className ?? 'primary'}
          onClick={primary.onClick}
          disabled={primary.disabled}
          data-testid={primary.testId}
        >
          {primary.label}
        </button>
      )}
    </>
  );
}

/** One submit at a time: `busy` while `work` runs, its failure (as `toError` words it) after. */
export function useSubmitState<E>(toError: (err: unknown) => E): {
  busy: boolean;
  error: E | null;
  run: (work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<E | null>(null);
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** The footer's one button once a dialog's work is done. */
export interface FinishedAction {
  label: ReactNode;
  testId?: string;
}

/**
 * A Modal with the Cancel + primary footer; while `busy` it stays open (no ×, Escape or backdrop)
 * and Cancel is disabled. Once `finished` is given (the work is done), the footer is that one
 * button, which closes.
 */
export function ActionDialog({
  busy,
  cancel,
  onClose,
  primary,
  finished,
  ...modal
}: Omit<ModalProps, 'actions' | 'onClose'> & {
  busy: boolean;
  cancel: ReactNode;
  onClose: () => void;
  primary: PrimaryAction;
  finished?: FinishedAction | null;
}): React.JSX.Element {
  return (
    <Modal
      {...modal}
      onClose={busy ? undefined : onClose}
      actions={
        finished ? (
          <button type="button" className="primary" onClick={onClose} data-testid={finished.testId}>
            {finished.label}
          </button>
        ) : (
          <DialogActions cancel={cancel} onCancel={onClose} cancelDisabled={busy} primary={primary} />
        )
      }
    />
  );
}

/** A labelled one-line text field (`label.field` around the input); `onChange` gets the text. */
export function TextField({
  label,
  className = 'field',
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className' | 'onChange'> & {
  label: ReactNode;
  className?: string;
  onChange: (text: string) => void;
}): React.JSX.Element {
  return (
    <label className={className}>
      {label}
      <input type="text" spellCheck={false} onChange={(e) => onChange(e.target.value)} {...input} />
    </label>
  );
}
