// Lint rules, including the architecture's walls: a pure domain, infrastructure imports only in
// infrastructure libraries, no app importing another app, no import cycles, no forwardRef.
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const INFRASTRUCTURE_PACKAGES = ['kafkajs', 'pg', 'axios', 'pino', 'prom-client', 'nodemailer'];
const noInfrastructure = INFRASTRUCTURE_PACKAGES.map((name) => ({
  name,
  message: `${name} belongs in an infrastructure library (libs/messaging, storage, feeds, observability, platform, notifications).`,
  allowTypeImports: true,
}));
const noProcessEnv = {
  object: 'process',
  property: 'env',
  message: 'Configuration is read once, in libs/config.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'infra/kafka/target/**', '.data/**', 'test-artifacts/**', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      'import/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "Identifier[name='forwardRef']", message: 'No forwardRef: untangle the modules.' }],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/config/**', 'libs/platform/src/service-bootstrap.ts'],
    rules: { 'no-restricted-properties': ['error', noProcessEnv] },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [], patterns: [{ group: ['**/apps/**', '../../apps/**', '**/launcher/**'], message: 'Libraries never import apps.' }] },
      ],
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noInfrastructure,
          patterns: [{ group: ['../../*/src/**', '../../../*/src/**', '**/apps/**', '**/launcher/**'], message: 'An app never imports another app.' }],
        },
      ],
      'no-restricted-properties': ['error', { ...noProcessEnv, message: 'Apps get configuration from libs/config.' }],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...noInfrastructure.map((p) => ({ ...p, allowTypeImports: false })), { name: '@nestjs/common' }, { name: '@nestjs/core' }],
          patterns: [
            { group: ['@nestjs/*', '@klimavagt/*', '!@klimavagt/domain'], message: 'libs/domain is pure TypeScript.' },
            { group: ['**/apps/**', '**/launcher/**'], message: 'Libraries never import apps.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', noProcessEnv, { object: 'Date', property: 'now', message: 'The domain reads no clock: pass time in.' }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain reads no clock: pass time in.' },
        { selector: "Identifier[name='forwardRef']", message: 'No forwardRef.' },
      ],
    },
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: noInfrastructure, patterns: [
            { group: ['@nestjs/*', '@klimavagt/*', '!@klimavagt/domain'], message: 'Contracts depend only on the domain.' },
            { group: ['**/apps/**', '**/launcher/**'], message: 'Libraries never import apps.' },
          ] },
      ],
      'no-restricted-properties': ['error', noProcessEnv],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-properties': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
