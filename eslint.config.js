// ESLint 9 flat config: JavaScript and TypeScript recommended rules (no type-aware rules, so it
// needs no tsconfig and stays fast). `npm run lint` runs `eslint .` from the repo root.
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/data/**',
      '**/.tmp/**',
      '**/coverage/**',
      // Personal scratch folders (untracked experiments, e.g. bench/.scratch).
      '**/.scratch/**',
      'server/drizzle/**',
      'e2e/screenshots/**',
      'e2e/test-results/**',
      '**/playwright-report/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `let { a, b } = …` where only `a` is reassigned is fine: a const for `b` would need a second line.
      'prefer-const': ['error', { destructuring: 'all' }],
      // `_`-prefixed names are deliberately unused (placeholders, destructuring to omit a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // CommonJS files, if any.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
