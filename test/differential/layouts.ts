/**
 * Whole configurations for the differential harness (wholeConfig.test.ts): multi-file layouts written by
 * the test into a scratch directory, each with a main config that lighttpd is given (`lighttpd -t -f main`)
 * and that lighttpd-lint is given alone, so that our verdict on it depends on following its includes.
 *
 * `@ROOT@` in a file's text is the layout's scratch directory (absolute includes, as installed layouts have).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Layout {
  readonly name: string;
  /** Path of the main config, relative to the layout's directory. */
  readonly main: string;
  /** Relative path -> text. */
  readonly files: Readonly<Record<string, string>>;
  /** Relative path of a link -> its target, as written in the link (relative to the link's folder). */
  readonly symlinks?: Readonly<Record<string, string>>;
  /** The verdict depends on what an included file holds: our CLI has to follow the includes. */
  readonly needsFollow: boolean;
  /** Included files whose mutations are checked too (relative paths of real files, not links). */
  readonly mutate?: readonly string[];
}

const HEAD = 'server.document-root = "/srv/www"\nserver.port = 8080\n';

const DEBIAN_MAIN = `server.modules = (
\t"mod_indexfile",
\t"mod_access",
\t"mod_alias",
\t"mod_redirect",
)

${HEAD}server.username = "www-data"
server.groupname = "www-data"
index-file.names = ( "index.html" )
url.access-deny = ( "~", ".inc" )
static-file.exclude-extensions = ( ".php", ".pl", ".fcgi" )

include "@ROOT@/etc/lighttpd/conf-enabled/*.conf"
`;

const DEBIAN_PROXY = `# /usr/share/doc/lighttpd/proxy.txt
server.modules += ( "mod_proxy" )

$HTTP["url"] =~ "^/app/" {
\tproxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )
}
`;

const DEBIAN_FASTCGI = `server.modules += ( "mod_fastcgi" )

fastcgi.server = ( ".php" => ( "localhost" => (
\t"socket" => "/run/lighttpd/php.socket",
\t"bin-path" => "/usr/bin/php-cgi",
\t"max-procs" => 1,
) ) )
`;

const DEBIAN_ACCESSLOG = `server.modules += ( "mod_accesslog" )
accesslog.filename = "/var/log/lighttpd/access.log"
`;

const UPSTREAM_MAIN = `var.log_root = "/var/log/lighttpd"
var.server_root = "/srv/www"
var.conf_dir = "@ROOT@/etc/lighttpd"
${HEAD}server.errorlog = log_root + "/error.log"
include conf_dir + "/modules.conf"
include conf_dir + "/vhosts.d/*.conf"
`;

const UPSTREAM_MODULES = `server.modules = (
  "mod_access",
  "mod_alias",
)
include conf_dir + "/conf.d/access_log.conf"
`;

const UPSTREAM_ACCESSLOG = `server.modules += ( "mod_accesslog" )
accesslog.filename = log_root + "/access.log"
`;

const UPSTREAM_EXPIRE = `server.modules += ( "mod_expire" )
$HTTP["url"] =^ "/static/" {
  expire.url = ( "" => "access plus 7 days" )
}
`;

function layout(l: Layout): Layout {
  return l;
}

/** The layouts, from the list: each one alone is a case, and mutations of its `mutate` files. */
export const LAYOUTS: readonly Layout[] = [
  layout({
    name: 'debian conf-enabled (symlinks)',
    main: 'etc/lighttpd/lighttpd.conf',
    files: {
      'etc/lighttpd/lighttpd.conf': DEBIAN_MAIN,
      'etc/lighttpd/conf-available/10-proxy.conf': DEBIAN_PROXY,
      'etc/lighttpd/conf-available/10-fastcgi.conf': DEBIAN_FASTCGI,
      'etc/lighttpd/conf-available/10-accesslog.conf': DEBIAN_ACCESSLOG,
    },
    symlinks: {
      'etc/lighttpd/conf-enabled/10-proxy.conf': '../conf-available/10-proxy.conf',
      'etc/lighttpd/conf-enabled/10-accesslog.conf': '../conf-available/10-accesslog.conf',
    },
    needsFollow: false,
    mutate: ['etc/lighttpd/conf-available/10-proxy.conf', 'etc/lighttpd/conf-available/10-accesslog.conf'],
  }),
  layout({
    name: 'upstream conf.d (variables across files, nested include)',
    main: 'etc/lighttpd/lighttpd.conf',
    files: {
      'etc/lighttpd/lighttpd.conf': UPSTREAM_MAIN,
      'etc/lighttpd/modules.conf': UPSTREAM_MODULES,
      'etc/lighttpd/conf.d/access_log.conf': UPSTREAM_ACCESSLOG,
      'etc/lighttpd/vhosts.d/expire.conf': UPSTREAM_EXPIRE,
    },
    needsFollow: false,
    mutate: ['etc/lighttpd/modules.conf', 'etc/lighttpd/vhosts.d/expire.conf'],
  }),
  layout({
    name: 'a glob that matches nothing',
    main: 'lighttpd.conf',
    files: { 'lighttpd.conf': `${HEAD}include "conf.d/*.conf"\ninclude "sites-enabled/*"\n`, 'conf.d/README': 'x\n' },
    needsFollow: false,
  }),
  layout({
    name: 'nested include (three levels, relative to the main config)',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}server.modules = ( "mod_access" )\ninclude "sites/all.conf"\n`,
      'sites/all.conf': 'include "sites/a/*.conf"\n',
      'sites/a/one.conf': '$HTTP["host"] == "one.example" {\n  url.access-deny = ( ".bak" )\n}\n',
    },
    needsFollow: false,
    mutate: ['sites/a/one.conf'],
  }),
  layout({
    name: 'include cycle (a.conf -> b.conf -> a.conf)',
    main: 'a.conf',
    files: { 'a.conf': `${HEAD}include "b.conf"\n`, 'b.conf': 'server.tag = "b"\ninclude "a.conf"\n' },
    needsFollow: true,
  }),
  layout({
    name: 'a fragment with a syntax error',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}server.modules = ( "mod_access", "mod_proxy" )\ninclude "conf.d/*.conf"\n`,
      'conf.d/10-proxy.conf':
        'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\nserver.tag = "x";\n',
    },
    needsFollow: true,
  }),
  layout({
    name: 'a fragment using a module the main config does not load',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}server.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n`,
      'conf.d/10-proxy.conf': 'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\n',
    },
    needsFollow: true,
  }),
  layout({
    name: 'the issue: a fragment with a module not loaded and a semicolon',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `server.document-root = "/srv/www"\nserver.modules = ( "mod_access" )\ninclude "conf.d/*.conf"\n`,
      'conf.d/10-proxy.conf':
        'proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 8000 ) ) )\nserver.port = 80;\n',
    },
    needsFollow: true,
  }),
  layout({
    name: 'a fragment setting a key the main config set (duplicate)',
    main: 'lighttpd.conf',
    files: { 'lighttpd.conf': `${HEAD}include "extra.conf"\n`, 'extra.conf': 'server.port = 8081\n' },
    needsFollow: true,
  }),
  layout({
    name: 'a fragment reading a variable nobody set',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}include "extra.conf"\n`,
      'extra.conf': 'server.errorlog = log_root + "/e.log"\n',
    },
    needsFollow: true,
  }),
  layout({
    name: 'a missing plain include',
    main: 'lighttpd.conf',
    files: { 'lighttpd.conf': `${HEAD}include "mime-types.conf"\n` },
    needsFollow: false,
  }),
  layout({
    name: 'conf-enabled link to a file that is gone',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}include "conf-enabled/*.conf"\n`,
      'conf-available/10-a.conf': 'server.tag = "a"\n',
    },
    symlinks: {
      'conf-enabled/10-a.conf': '../conf-available/10-a.conf',
      'conf-enabled/20-gone.conf': '../conf-available/20-gone.conf',
    },
    needsFollow: true,
  }),
  layout({
    name: 'a glob that matches a folder',
    main: 'lighttpd.conf',
    files: {
      'lighttpd.conf': `${HEAD}include "conf.d/*.conf"\n`,
      'conf.d/old.conf/README': 'x\n',
      'conf.d/a.conf': '',
    },
    needsFollow: true,
  }),
];

/** Writes a layout under `dir` (emptied first); `texts` overrides some files' text (mutations). */
export function writeLayout(dir: string, l: Layout, texts: Readonly<Record<string, string>> = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(l.files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, Buffer.from((texts[rel] ?? text).split('@ROOT@').join(dir), 'latin1'));
  }
  for (const [rel, target] of Object.entries(l.symlinks ?? {})) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    symlinkSync(target, p);
  }
}

/** The text of a layout's file as written under `dir`. */
export function layoutText(dir: string, l: Layout, rel: string, texts: Readonly<Record<string, string>> = {}): string {
  return (texts[rel] ?? l.files[rel] ?? '').split('@ROOT@').join(dir);
}
