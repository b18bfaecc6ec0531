// Lint rules, and the import directions that keep the folders honest (see docs/ARCHITECTURE.md):
// shared/ imports nothing of ours; renderer/ never reaches electron/; only main, preload and the IPC
// transport may import `electron`. Layers, each importing only downwards:
//   renderer: client → stores → views (components are the views' parts);
//   electron: engine/ (connection, events, monitor, joins) and the support folders (files/: temporary
//             files; flow/: per-client backpressure) → features (containers/, images/, …) →
//             services.ts / router.ts (composition) → transports (serve/, ipc.ts, main.ts).
// A feature uses another only through its entry (`service` or `manager`), never its internals.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

/** The renderer's base rule (no Node side), plus `extra` patterns for one layer. */
const rendererImports = (...extra) => [
  'error',
  {
    paths: ['electron', 'dockerode', 'ws'],
    patterns: [{ group: ['**/electron/**', '../electron', ...nodeBuiltins], message: 'The renderer reaches the Node side only through the contract in shared/.' }, ...extra],
  },
];

/** The Node side's base rule (no `electron` outside main/preload/ipc, no renderer), plus `extra` patterns. */
const nodeImports = (...extra) => [
  'error',
  {
    paths: [{ name: 'electron', message: 'Services run in serve mode too: only main.ts, preload.ts and ipc.ts may import electron.' }],
    patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' }, ...extra],
  },
];

/** Node-side helpers below the features, beside engine/: they import none of them. */
const SUPPORT = ['engine', 'files', 'flow', 'testing'];
const FEATURES = ['containers', 'engines', 'images', 'layers', 'logs', 'networks', 'notifications', 'pods', 'registry', 'sessions', 'settings', 'sif', 'stacks', 'stats', 'swarm', 'system', 'tasks', 'volumes'];
const composition = { regex: '^\\.\\./(\\.\\./)?(services|router|main|serve|ipc|preload)$', message: 'Features sit below the composition (services.ts, router.ts) and the transports.' };
/** From electron/<feature>/x.ts: `../<other>/<file>` where <file> is not the other feature's entry. */
const internals = (up) => ({
  regex: `^${'\\.\\./'.repeat(up)}(?!\\.\\./|${SUPPORT.map((s) => `${s}/`).join('|')})[^/]+/(?!(service|manager)$)`,
  message: 'A feature uses another only through its entry (service.ts / manager.ts); shared helpers belong in engine/, files/, flow/ (Node side) or shared/ (contract).',
});

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
      'no-restricted-imports': rendererImports(),
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
    files: ['renderer/stores/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererImports({ group: ['**/views/**', '**/components/**'], message: 'Layers: client → stores → views. A store never imports a view: let the view (or main.tsx) plug into the store.' }) },
  },
  {
    files: ['renderer/client/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': rendererImports({ group: ['**/stores/**', '**/views/**', '**/components/**'], message: 'Layers: client → stores → views. The client knows neither stores nor views.' }) },
  },
  {
    // The page's first script (main.tsx, App.tsx, the client, the stores) must not build the contract's schemas:
    // importing a value from shared/api.ts or transport.ts evaluates every zod schema of every method (~15 ms of
    // a 50-service Swarm page load here, bench/swarm.ts). Types are free; values the link needs are in
    // shared/serve-limits.ts.
    files: ['renderer/main.tsx', 'renderer/App.tsx', 'renderer/client/**/*.{ts,tsx}', 'renderer/stores/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.ts', 'renderer/client/links-harness.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/shared/api', '**/shared/transport'], allowTypeImports: true, message: 'The first script imports only types from the contract (see shared/serve-limits.ts).' }] },
      ],
    },
  },
  {
    // The client suites run the renderer's links over both real transports (serve/server.ts over a `ws`
    // WebSocket; preload.ts and ipc.ts through electron/testing/electron-pair.ts) into a list store: the
    // renderer files that reach the Node side. Tests and their harness; nothing the renderer ships imports them.
    files: ['renderer/client/links.test.ts', 'renderer/client/ipc-navigation.test.ts', 'renderer/client/links-harness.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/views/**', '**/components/**'], message: 'The client suite needs no view.' }] }] },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts'],
    rules: { 'no-restricted-imports': nodeImports() },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/files/**/*.ts', 'electron/flow/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': nodeImports({ regex: '^\\.\\./(?!\\.\\./)', message: 'engine/, files/ and flow/ are below the features: they import none of them (inject what they need, as EngineMonitor takes MonitorSources).' }),
    },
  },
  {
    files: FEATURES.map((f) => `electron/${f}/*.ts`),
    ignores: ['electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': nodeImports(composition, internals(1)) },
  },
  {
    files: FEATURES.map((f) => `electron/${f}/*/**/*.ts`),
    ignores: ['electron/**/*.test.ts'],
    rules: { 'no-restricted-imports': nodeImports(composition, internals(2)) },
  },
  // electron-builder loads its hooks with require(): they are CommonJS on purpose.
  { files: ['scripts/packaging/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', exports: 'writable', console: 'readonly', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
