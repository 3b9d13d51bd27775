/** Size-tree nodes for the viz tests: a file and a directory (children undefined = not loaded). */
import type { SizeNode } from './treemap';

export const file = (path: string, size: number, change: SizeNode['change'] = 'unchanged'): SizeNode => ({
  name: path.split('/').pop()!,
  path,
  key: path,
  size,
  dir: false,
  change,
});

export const dir = (path: string, size: number, children?: SizeNode[]): SizeNode => ({
  ...file(path, size),
  dir: true,
  children,
});
