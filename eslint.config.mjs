// ESLint flat config. Besides the usual TypeScript checks it enforces the architecture:
// the language service (parser, schema, analysis, features, service) never touches the LSP connection,
// so it stays a pure library usable by the server, the CLI and the tests alike.
import tseslint from 'typescript-eslint';

const connectionModules = {
  paths: [
    {
      name: 'vscode-languageserver',
      message:
        'The language service is pure: import LSP types from vscode-languageserver-types; only server.ts/main.ts wire the connection.',
    },
    {
      name: 'vscode-languageserver/node',
      message: 'The language service is pure: only server.ts/main.ts wire the connection.',
    },
    {
      name: 'vscode-languageserver/browser',
      message: 'The language service is pure: only server.ts/main.ts wire the connection.',
    },
    { name: 'vscode', message: 'The language service runs outside VS Code.' },
  ],
  patterns: [
    {
      group: ['**/server', '**/main', 'vscode-languageserver/*'],
      message: 'The language service must not depend on the server wiring.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tmp/**', '**/*.generated.ts', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: [
      'server/src/parser/**',
      'server/src/schema/**',
      'server/src/analysis/**',
      'server/src/features/**',
      'server/src/service.ts',
      'server/src/cli.ts',
      'server/src/cli/**',
    ],
    rules: { 'no-restricted-imports': ['error', connectionModules] },
  },
);
