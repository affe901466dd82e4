import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Services went async for jobs: a forgotten await would race a write or swallow its error.
    files: ['electron/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/await-thenable': 'error' },
  },
  {
    // The core runs in tests and browser mode: it must never depend on Electron.
    files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'shared/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/core, server and shared must not import electron.' }] },
      ],
    },
  },
  {
    // shared/ is used by the sandboxed renderer too: no Node built-ins.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'better-sqlite3', 'kysely'], message: 'shared/ has no Node, no DB.' },
          ],
        },
      ],
    },
  },
  {
    // SQL belongs in repositories (docs/architecture.md, "Rules"): services call `*-repository.ts` functions.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*-repository.ts', 'electron/core/platform/**', 'electron/core/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message: 'SQL belongs in a *-repository.ts file (docs/architecture.md, "Rules").',
        },
        {
          selector: "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
          message: 'SQL belongs in a *-repository.ts file (docs/architecture.md, "Rules").',
        },
      ],
    },
  },
);
