import { describe, expect, it } from 'vitest';
import { onShowView, showView } from './navigation';

describe('showView / onShowView', () => {
  it('delivers the view asked for to each listener until it stops listening', () => {
    const win = new EventTarget() as unknown as Window;
    const seen: string[] = [];
    const stop = onShowView((v) => seen.push(v), win);
    showView('archive', win);
    showView('images', win);
    stop();
    showView('graph', win);
    expect(seen).toEqual(['archive', 'images']);
  });
});
