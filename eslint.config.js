// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import kiosk from './eslint-rules/layering.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      'bench/results/**',
      '.kiosk-data/**',
      // Generated from @etalab/decoupage-administratif by scripts/build-communes.ts.
      'common/identity/communes-fr.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      // Type-aware rules: each file is checked with the TypeScript project that includes it
      // (tsconfig.node.json or tsconfig.web.json through the root solution file).
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'eslint-rules/*.js', 'scripts/*.mjs'] } },
    },
    plugins: { kiosk },
    rules: {
      'kiosk/layering': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its error: a device write, a store commit or a send that
      // fails must surface, so every promise is awaited, returned, or explicitly `void`ed.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A new device kind, outcome or message must be handled everywhere it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      'no-restricted-syntax': [
        'error',
        {
          // Tests and services wait on events or an injected clock, never on a bare timer promise.
          selector:
            "NewExpression[callee.name='Promise'] > ArrowFunctionExpression > CallExpression[callee.name='setTimeout']",
          message:
            'Use sleep(clock, ms) from common/util/clock.ts or wait for an event instead of a bare setTimeout promise.',
        },
      ],
    },
  },
  {
    // Production code stays readable in one sitting: a function fits a screen, a file holds one
    // concept. Tests, test helpers, e2e and benchmarks are exempt: a scenario reads best whole.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', '**/testing/**', 'e2e/**', 'bench/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Plain JavaScript files (this config, the lint rule) are not type-checked.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
