/**
 * `lighttpd-language-server` (package.json "bin", dist/language-server.js): the language server as a command
 * for any editor (README "Other editors"). The server is dist/server.js, whose Node entry (entries/desktop.ts)
 * reads the arguments; this launcher only gives it a name and a shebang, so that the package ships one server.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./server.js');
