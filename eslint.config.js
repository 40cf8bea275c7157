import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import chatload from './eslint/stage-order.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', '.chatload/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    plugins: { chatload },
    rules: { 'chatload/stage-order': 'error' },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
