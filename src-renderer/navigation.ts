/**
 * Moving between the shell's views from inside a feature (Images > Analyze shows the image
 * detail): a `strata:show-view` CustomEvent on window, which the shell (App) answers. Keeps the
 * features free of the shell's state.
 */
export const SHOW_VIEW_EVENT = 'strata:show-view';

export function showView(view: string, win: Window = window): void {
  win.dispatchEvent(new CustomEvent<string>(SHOW_VIEW_EVENT, { detail: view }));
}

/** Calls `onView` with each view asked for; returns the function that stops listening. */
export function onShowView(onView: (view: string) => void, win: Window = window): () => void {
  const listener = (e: Event): void => {
    const view = (e as CustomEvent<unknown>).detail;
    if (typeof view === 'string') onView(view);
  };
  win.addEventListener(SHOW_VIEW_EVENT, listener);
  return () => win.removeEventListener(SHOW_VIEW_EVENT, listener);
}
