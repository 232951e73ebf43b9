import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '**/*.js', '**/*.mjs', '.work/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Chaincode must be deterministic: every endorser must compute the same write set.
    files: ['chaincode/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Chaincode time comes from the transaction timestamp (txContext.ts).',
        },
        {
          object: 'Math',
          property: 'random',
          message: 'Chaincode must be deterministic; derive IDs from input or the tx ID.',
        },
        { object: 'crypto', property: 'randomUUID', message: 'Chaincode must be deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Chaincode time comes from the transaction timestamp.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Chaincode time comes from the transaction timestamp.',
        },
      ],
      'no-restricted-imports': ['error', { paths: ['uuid', 'express'], patterns: ['**/gateway/**'] }],
    },
  },
  {
    // The chaincode's one face: outside chaincode/, import only chaincode/src/api (and the entry point).
    files: ['gateway/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/chaincode/src/*', '**/chaincode/src/**', '!**/chaincode/src/api'],
              message: 'Import the chaincode through chaincode/src/api (or the entry point chaincode/src).',
            },
          ],
        },
      ],
    },
  },
  {
    // The ledger is its own package: the gateway and the chaincode depend on it, never the other way round.
    files: ['ledger/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/gateway/**', '**/chaincode/**'],
              message: 'ledger/ imports nothing from gateway/ or chaincode/: contracts are injected.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
