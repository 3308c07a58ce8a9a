// Lint doubles as the process-boundary check: which folder may import what is enforced here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Matched as whole module names (with subpaths such as fs/promises), not gitignore-style path
// segments: a `group` of 'events' would also forbid a module's own './events'.
const nodeBuiltinNames = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'http2',
  'https',
  'net',
  'tls',
  'child_process',
  'stream',
  'url',
  'util',
  'zlib',
  'events',
  'buffer',
];
const nodeBuiltins = `^(?:node:|(?:${nodeBuiltinNames.join('|')})(?:/|$))`;

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Raw IPC lives only in main/electron/ipc-adapter.ts and preload/preload.ts; go through the contract.',
};

const mainPatterns = [
  { group: ['electron'], message: 'Only main/electron/ imports electron; main/core runs in the CLI and tests too.' },
  { group: ['**/renderer/**'], message: 'main/ may not import the renderer.' },
];
const aboveCore = '(?:emulators|local|cli|server|electron)(?:/|$)';
const rendererPatterns = [
  { group: ['**/main/**'], message: 'renderer/ may not import from main/: use the bridge.' },
  { group: ['**/preload/**'], message: 'renderer/ talks to preload only through window.pushConsole.' },
  { regex: nodeBuiltins, message: 'renderer/ runs without Node.' },
  { group: ['electron'], message: 'renderer/ may not import electron.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
            { group: ['electron'], message: 'shared/ may not import electron.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'shared/ imports only shared/ and pure packages.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'location',
        'process',
        'Buffer',
        'require',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  {
    // State sits below the screens: a slice that needs a feature's table should find it in the
    // provider registry (shared/providers) or move it down. Repeats the renderer's patterns
    // because a later block's rule replaces an earlier one's.
    files: ['renderer/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rendererPatterns,
            { group: ['**/features/**'], message: 'renderer/state/ may not import renderer/features/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: mainPatterns }] },
  },
  // main/core sits at the bottom of main/: what runs above it (emulators, local, cli, server,
  // electron) is handed in through CoreOptions. Patterns see the import text, not the resolved
  // path, so each folder depth gets its own block: from main/core/api/x.ts '../local/…' is
  // main/core/local (allowed) and '../../local/…' is main/local.
  ...[0, 1, 2, 3, 4, 5].map((depth) => ({
    files: [`main/core/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...mainPatterns,
            {
              regex: `^(?:\\./)?(?:\\.\\./){${depth + 1}}${aboveCore}|(?:^|/)main/${aboveCore}`,
              message:
                'main/core imports nothing above it (emulators, local, cli, server, electron): pass it in through CoreOptions.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['main/electron/**/*.ts'],
    ignores: ['main/electron/ipc-adapter.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [rawIpc] }] },
  },
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // One kind of private in main/: `#` (private at run time too). Constructors cannot be `#`, so a
    // factory-only class keeps `private constructor`.
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MethodDefinition[accessibility='private'][kind!='constructor'], PropertyDefinition[accessibility='private'], TSParameterProperty[accessibility='private']",
          message: 'Use a #private member, not TypeScript `private` (main/ uses # throughout).',
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // CommonJS on purpose: the loader that gives the CLI bundle its code cache (bin/load-cli.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
