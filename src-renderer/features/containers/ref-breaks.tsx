/**
 * An image reference that wraps where a reader expects, after `/`, `:` or `@`
 * (`strata-test/` + `busybox:base`), not inside a word (`busybox:ba` + `se`).
 */
import { Fragment } from 'react';

/** The reference cut after each `/`, `:` and `@`; joined back it is the reference. */
export function refParts(ref: string): string[] {
  return ref.split(/(?<=[/:@])/);
}

export function RefText({ value }: { value: string }): React.JSX.Element {
  return (
    <>
      {refParts(value).map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}
