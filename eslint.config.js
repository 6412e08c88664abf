// Lint: typescript-eslint with type information for the rules that need it, and import
// boundaries that keep the layers pointing one way (see the README's "How it is built").
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Everything under lib/engines but the contract (`types.ts`), by alias or relative path. */
const ENGINE_INTERNALS = ['@/lib/engines/**', '**/lib/engines/**', '!@/lib/engines/types', '!**/lib/engines/types'];
const METADATA_STORE = ['@/lib/db', '@/lib/db/**', '**/lib/db', '**/lib/db/**'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.next*/**',
      'lib/generated/**',
      '.clonedeck/**',
      'scratch/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      'dist/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // React code only: Playwright fixtures in e2e/ also call a function named `use`.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Components render data they are handed; they never reach the metadata store or an engine.
    // The engine contract's types may describe what they render (type-only imports).
    files: ['components/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: METADATA_STORE, message: 'Components never touch the metadata store: go through lib/domain or an action.' },
            {
              group: ENGINE_INTERNALS,
              message: 'Components never import engine internals: use lib/domain or the contract in @/lib/engines/types.',
            },
            {
              group: ['@/lib/engines/types', '**/lib/engines/types'],
              allowTypeImports: true,
              message: 'Components may use the engine contract for types only (import type).',
            },
          ],
        },
      ],
    },
  },
  {
    // Business rules stay independent of the web framework: actions and route handlers adapt them.
    files: ['lib/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/**', 'next-auth', 'next-auth/**'],
              message: 'lib/domain never imports Next.js: take what it needs as arguments.',
            },
          ],
        },
      ],
    },
  },
);
