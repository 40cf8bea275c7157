import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import chatload from './eslint/stage-order.js';

const NO_PREPARE =
  "node-mssql's PreparedStatement prepares on the server (sp_prepare), which TDS-compatible servers such as Babelfish handle unlike SQL Server, and pins a pool connection per statement: send a parameterized request.query() (sp_executesql) instead.";

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
    // DESIGN.md "SQL Server notes": hot statements go through parameterized request.query().
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'mssql', importNames: ['PreparedStatement'], message: NO_PREPARE }] },
      ],
      'no-restricted-properties': ['error', { property: 'PreparedStatement', message: NO_PREPARE }],
    },
  },
  {
    files: ['src/cli/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
