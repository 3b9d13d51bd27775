// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Process boundaries, enforced on imports. */
const rendererBoundary = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandbox: no Node built-ins.' })),
    { name: 'electron', message: 'The renderer reaches main only through window.api.' },
    { name: 'dockerode', message: 'The renderer never talks to the engine directly.' },
  ],
  patterns: [
    { group: ['**/src-main', '**/src-main/**', '**/src-preload/**'], message: 'The renderer imports only src-shared.' },
  ],
};
const pureMainBoundary = {
  paths: [{ name: 'electron', message: 'docker/ and archive/ run under plain Node (tests, CLI, workers).' }],
  patterns: [{ group: ['**/ipc/register-ipc', '**/window/**'], message: 'No Electron glue below the services.' }],
};
const sharedBoundary = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'src-shared runs in every process: no Node built-ins.' })),
    { name: 'electron', message: 'src-shared runs in every process.' },
    { name: 'dockerode', message: 'src-shared holds plain data only.' },
    { name: 'react', message: 'src-shared holds plain data only.' },
  ],
  patterns: [{ group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**'], message: 'src-shared imports no other src-* folder.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // With noUncheckedIndexedAccess, `x[i]!` after a bounds check is the idiom; the type-checker guards the rest.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', rendererBoundary],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sharedBoundary] },
  },
  {
    files: ['src-main/docker/**/*.ts', 'src-main/archive/**/*.ts', 'src-main/services/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', pureMainBoundary] },
  },
);
