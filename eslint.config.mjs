// ESLint flat config. Besides the usual TypeScript checks it enforces the architecture:
// the language service (parser, schema, analysis, features, service) never touches the LSP connection,
// so it stays a pure library usable by the server, the CLI and the tests alike.
import tseslint from 'typescript-eslint';

const connectionModules = {
  paths: [
    {
      name: 'vscode-languageserver',
      message:
        'The language service is pure: import LSP types from vscode-languageserver-types; only server.ts and entries/ wire the connection.',
    },
    {
      name: 'vscode-languageserver/node',
      message: 'The language service is pure: only server.ts and entries/ wire the connection.',
    },
    {
      name: 'vscode-languageserver/browser',
      message: 'The language service is pure: only server.ts and entries/ wire the connection.',
    },
    { name: 'vscode', message: 'The language service runs outside VS Code.' },
  ],
  patterns: [
    {
      group: ['**/server', '**/entries/*', 'vscode-languageserver/*'],
      message: 'The language service must not depend on the server wiring.',
    },
  ],
};

// Node-only code (node: built-ins, tinyglobby, the Node connection) lives in server/src/node/ (the Node host's
// pieces), server/src/entries/ (the programs) and server/src/cli/ (lighttpd-lint): everything else also runs in
// the web worker. (Types may be imported: they leave nothing in the bundle.)
const nodeOnly = {
  group: ['node:*', 'tinyglobby', 'vscode-languageserver/node', '**/node/*'],
  allowTypeImports: true,
  message: 'Node-only: import it from server/src/node/, entries/ or cli/ only (the rest also runs in a web worker).',
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
      'server/src/paths.ts',
      'server/src/uri.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { ...connectionModules, patterns: [...connectionModules.patterns, nodeOnly] }],
    },
  },
  {
    files: ['server/src/cli/**', 'server/src/entries/cli.ts'],
    rules: { 'no-restricted-imports': ['error', connectionModules] },
  },
  {
    files: ['server/src/runtime/**', 'server/src/server.ts', 'server/src/settings.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeOnly] }] },
  },
);
