/**
 * Generates realistic large lighttpd configs: many virtual hosts with host conditionals, URL regexes with
 * else branches, proxy.server and scgi.server backends, rewrites, comments and variables. The output is
 * accepted by `lighttpd -t` (checked by the benchmark when lighttpd is installed).
 */
export function generateConfig(targetLines: number): string {
  const out: string[] = [
    '# generated benchmark configuration',
    'var.basedir = "/srv/www"',
    'var.logdir  = "/var/log/lighttpd"',
    'server.modules = (',
    '    "mod_access",',
    '    "mod_alias",',
    '    "mod_redirect",',
    '    "mod_rewrite",',
    '    "mod_proxy",',
    '    "mod_scgi",',
    '    "mod_accesslog",',
    ')',
    'server.document-root = basedir + "/default"',
    'server.port = 8080',
    'server.errorlog = logdir + "/error.log"',
    'accesslog.filename = logdir + "/access.log"',
    'index-file.names = ( "index.html" )',
    'mimetype.assign = ( ".html" => "text/html", ".css" => "text/css", ".js" => "text/javascript" )',
    '',
  ];
  let i = 0;
  while (out.length < targetLines) {
    const host = `site${i}.example.com`;
    const port = 8000 + (i % 1000);
    out.push(
      `# virtual host ${i}`,
      `$HTTP["host"] == "${host}" {`,
      `    server.document-root = basedir + "/${host}/public"`,
      `    accesslog.filename = logdir + "/${host}.log"`,
      `    url.rewrite-if-not-file = ( "^/(.*)$" => "/index.php/$1" )`,
      `    $HTTP["url"] =~ "^/api/v[0-9]+/" {`,
      `        proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => ${port} ) ) )`,
      `    } else $HTTP["url"] =~ "^/app(/|$)" {`,
      `        scgi.server = ( "/app" => ( "app${i}" => ( "host" => "127.0.0.1", "port" => ${port + 1000}, "check-local" => "disable" ) ) )`,
      `    } else {`,
      `        url.access-deny = ( "~", ".inc" )`,
      `    }`,
      `    $HTTP["url"] =^ "/old/" {`,
      `        url.redirect = ( "^/old/(.*)" => "/new/$1" )`,
      `    }`,
      `}`,
      '',
    );
    i++;
  }
  return out.join('\n') + '\n';
}
