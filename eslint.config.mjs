// Lint rules, and the import directions that keep the folders honest (see ../shared/DESIGN.md):
// shared/ imports nothing of ours; renderer/ never reaches electron/; only main, preload and the IPC
// transport may import `electron`.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Berth does not use the React Compiler; this rule only reports that it would skip useVirtualizer.
      'react-hooks/incompatible-library': 'off',
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'dockerode', 'ws'],
          patterns: [{ group: ['**/electron/**', '../electron', ...nodeBuiltins], message: 'The renderer reaches the Node side only through the contract in shared/.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: [{ group: ['**/electron/**', '**/renderer/**', ...nodeBuiltins], message: 'shared/ is the contract only: it imports nothing environment-specific.' }] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Services run in serve mode too: only main.ts, preload.ts and ipc.ts may import electron.' }], patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' }] },
      ],
    },
  },
);
