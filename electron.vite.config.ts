import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite defaults to src/main, src/preload and src/renderer; the user's layout names
// every entry explicitly (src-main, src-preload, src-renderer).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          // The headless `strata` command, same code without Electron (bin/strata.cjs loads it).
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          // Archive analysis runs in a worker thread, off the main process's event loop.
          'analysis-worker': resolve(__dirname, 'src-main/archive/worker/analysis-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload must be one CommonJS file: zod and the contract are bundled in.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
