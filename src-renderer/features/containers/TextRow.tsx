/**
 * One row of the Run and Commit forms' two-column grid: the label, then the text input with what
 * follows it (its problem hint, a datalist) in one cell.
 */
import type { InputHTMLAttributes, ReactNode } from 'react';

export function TextRow({
  id,
  label,
  onChange,
  children,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'children'> & {
  id: string;
  label: ReactNode;
  onChange: (text: string) => void;
  children?: ReactNode;
}): React.JSX.Element {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <input id={id} onChange={(e) => onChange(e.target.value)} {...input} />
        {children}
      </div>
    </>
  );
}
