import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { doHover, directiveMarkdown } from '../../../server/src/features/hover/hover';
import { DIRECTIVES, MODULES } from '../../../server/src/schema';
import { directiveDoc } from '../../../server/src/schema/docs';
import { textAt, withCursor } from '../../helpers/cursor';
import type { ConfigFileSystem } from '../../../server/src/analysis/fileSystem';
import type { LinkContext } from '../../../server/src/features/navigation/documentLinks';

function hover(src: string): { value: string; covered: string } | null {
  const f = withCursor(src);
  const h = doHover(f.doc, f.model, f.position);
  if (!h) return null;
  const value = (h.contents as { value: string }).value;
  return { value, covered: h.range ? textAt(f.doc, h.range) : '' };
}

describe('hover on directives', () => {
  test('module, type with an example, scope, default, since, description and a link', () => {
    const h = hover('proxy.ser|ver = ( "" => ( ( "host" => "127.0.0.1" ) ) )\n')!;
    assert.equal(h.covered, 'proxy.server');
    assert.match(h.value, /^\*\*proxy\.server\*\* — mod_proxy/);
    assert.match(h.value, /HTTP backends/);
    assert.match(
      h.value,
      /```lighttpd\nproxy\.server = \( "\/app" => \( \( "host" => "127\.0\.0\.1", "port" => 8080 \) \) \)\n```/,
    );
    assert.match(h.value, /Type: list of "key" => \( list \)/);
    assert.match(h.value, /Scope: global or inside any condition/);
    assert.match(h.value, /Module: mod_proxy — must be in server.modules/);
    assert.match(h.value, /\(https:\/\/redmine\.lighttpd\.net\/projects\/lighttpd\/wiki\/Docs_ModProxy\)/);
  });

  test('core keys show their default and the configuration options page', () => {
    const h = hover('server.po|rt = 8080\n')!;
    assert.match(h.value, /Default: 80, or 443 when ssl.engine is enabled globally/);
    assert.match(h.value, /Scope: global only/);
    assert.match(h.value, /Docs_ConfigurationOptions/);
    assert.doesNotMatch(h.value, /Module:/);
  });

  test('deprecated keys say so, with the newer version', () => {
    assert.match(
      hover('server.dir-lis|ting = "enable"\n')!.value,
      /Deprecated: historical alias of dir-listing\.activate/,
    );
    assert.match(hover('server.stream-|response-body = 1\n')!.value, /Since: lighttpd 1\.4\.40/);
  });

  test('removed keys explain their removal', () => {
    const h = hover('url.rewrite-once = ()\nsecdownload.sec|ret = "x"\n')!;
    assert.match(h.value, /removed/);
    assert.match(h.value, /1\.4\.68/);
  });

  test('unknown keys give no hover', () => {
    assert.equal(hover('foo.b|ar = 1\n'), null);
  });

  test('every directive has documentation; hand-written ones for the common ones', () => {
    for (const d of DIRECTIVES) {
      const md = directiveMarkdown(d.key);
      assert.ok(md && md.includes(d.key) && md.includes('```lighttpd'), d.key);
    }
    const handWritten = DIRECTIVES.filter((d) => directiveDoc(d.key)?.handWritten).length;
    assert.ok(handWritten >= 250, `only ${handWritten} hand-written descriptions`);
  });
});

describe('hover on modules, conditions and keywords', () => {
  test('a module name in server.modules', () => {
    const h = hover('server.modules = ( "mod_pro|xy" )\n')!;
    assert.equal(h.covered, '"mod_proxy"');
    assert.match(h.value, /^\*\*mod_proxy\*\*/);
    assert.match(h.value, /Reverse proxy/);
    assert.match(h.value, /`proxy\.server`/);
    assert.match(h.value, /Docs_ModProxy/);
  });

  test('a removed module names its replacement', () => {
    const h = hover('server.modules = ( "mod_secdown|load" )\n')!;
    assert.match(h.value, /Removed in lighttpd 1\.4\.68/);
    assert.match(h.value, /Replacement: mod_magnet/);
  });

  test('condition object, field and operator', () => {
    assert.match(hover('$HT|TP["host"] == "a" {\n}\n')!.value, /^\*\*\$HTTP\*\*/);
    const f = hover('$HTTP["ho|st"] == "a" {\n}\n')!;
    assert.equal(f.covered, '"host"');
    assert.match(f.value, /\$HTTP\["host"\]/);
    const op = hover('$HTTP["url"] =|^ "/a" {\n}\n')!;
    assert.equal(op.covered, '=^');
    assert.match(op.value, /Starts with/);
    assert.match(op.value, /1\.4\.65/);
    assert.match(hover('$REQUEST_HEADER["X-Fo|o"] == "a" {\n}\n')!.value, /request header X-Foo/);
  });

  test('assignment operators and keywords', () => {
    assert.match(hover('a +|= 1\n')!.value, /^\*\*\+=\*\*/);
    assert.match(hover('incl|ude "x.conf"\n')!.value, /^\*\*include\*\*/);
    assert.match(hover('$HTTP["host"] == "a" {\n} el|se {\n}\n')!.value, /^\*\*else\*\*/);
    assert.match(hover('glo|bal {\n}\n')!.value, /^\*\*global\*\*/);
  });

  test('a module doc exists for every current module', () => {
    for (const m of MODULES.filter((x) => x.status === 'current')) {
      const h = hover(`server.modules = ( "${m.name}|" )\n`);
      assert.ok(h && h.value.startsWith(`**${m.name}**`), m.name);
    }
  });
});

describe('hover on variables and values', () => {
  test('a variable read: its value there and where it was set', () => {
    const h = hover('var.root = "/srv"\nvar.root += "/www"\nserver.document-root = var.ro|ot + "/html"\n')!;
    assert.equal(h.covered, 'var.root');
    assert.match(h.value, /```lighttpd\nvar\.root = "\/srv\/www"\n```/);
    assert.match(h.value, /Built from:\n- line 1: `var\.root = "\/srv"`\n- line 2: `var\.root \+= "\/www"`/);
  });

  test('the value seen depends on the block: an enclosing block is searched after the own one', () => {
    const src = 'x = "global"\n$HTTP["host"] == "a" {\n  x := "inner"\n  y = x|\n}\nz = x\n';
    assert.match(hover(src)!.value, /var\.x = "inner"/);
    assert.match(hover(src.replace('y = x|', 'y = x').replace('z = x', 'z = x|'))!.value, /var\.x = "global"/);
  });

  test('a variable key shows its value after the assignment', () => {
    assert.match(hover('a| = 1 + 2\n')!.value, /var\.a = 3/);
  });

  test('predefined, environment and undefined variables', () => {
    assert.match(hover('a = var.C|WD\n')!.value, /Set by lighttpd itself/);
    assert.match(hover('a = env.HO|ME\n')!.value, /environment/);
    assert.match(hover('a = nope|\n')!.value, /Not set before this point/);
  });

  test('a key read as a value shows the directive too', () => {
    const h = hover('server.port = 81\nvar.p = server.po|rt\n')!;
    assert.match(h.value, /server\.port = 81/);
    assert.match(h.value, /TCP port lighttpd listens on/);
  });

  test('integers that are ports', () => {
    assert.match(hover('server.port = 80|80\n')!.value, /\*\*Port 8080\*\*\n\nHTTP alternative/);
    assert.match(hover('server.port = 8|0\n')!.value, /privileged port/);
    assert.match(
      hover('proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => 90|00 ) ) )\n')!.value,
      /Port 9000/,
    );
    assert.match(hover('server.port = 7000|0\n')!.value, /Out of range/);
    assert.equal(hover('server.max-worker = 4|\n'), null);
  });

  test('backend keys, feature flags and parse options', () => {
    assert.match(
      hover('proxy.server = ( "" => ( ( "ho|st" => "127.0.0.1" ) ) )\n')!.value,
      /backend option of proxy\.server/,
    );
    assert.match(hover('server.feature-flags = ( "server.h2pr|oto" => "enable" )\n')!.value, /HTTP\/2/);
    assert.match(hover('server.http-parseopts = ( "url-path-2f-dec|ode" => "enable" )\n')!.value, /%2F/);
  });

  test('nothing on blanks, comments and plain strings; never throws', () => {
    assert.equal(hover('a = 1\n|\n'), null);
    assert.equal(hover('# server.po|rt\n'), null);
    assert.equal(hover('server.tag = "li|ghttpd"\n'), null);
    const src = '$HTTP["host"] == { proxy.server = ( "" => ( ( "port" => ) ) else else {\nx = (\n';
    for (let i = 0; i <= src.length; i++) {
      const f = withCursor(src.slice(0, i) + '\u0001' + src.slice(i), '\u0001');
      assert.doesNotThrow(() => doHover(f.doc, f.model, f.position));
    }
  });
});

describe('hover on include paths', () => {
  // A workspace copy of Debian's layout at /ws/etc/lighttpd, and this machine's own /etc/lighttpd.
  const files = ['/ws/etc/lighttpd/conf-enabled/10-a.conf', '/ws/etc/lighttpd/conf-enabled/20-b.conf'];
  const fs: ConfigFileSystem = {
    readFile: () => '',
    isFile: (p) => files.includes(p) || p === '/ws/etc/lighttpd/modules.conf' || p === '/srv/x.conf',
    glob: (p) => (p === '/ws/etc/lighttpd/conf-enabled/*.conf' ? files : []),
    realPath: (p) => p,
  };
  const context = { fs, pathMappings: [], maxGlobMatches: 1000 };
  const at = (src: string, ctx: LinkContext = context) => {
    const f = withCursor(src, '|', 'file:///ws/etc/lighttpd/lighttpd.conf');
    const h = doHover(f.doc, f.model, f.position, [], ctx);
    return h && { value: (h.contents as { value: string }).value, covered: textAt(f.doc, h.range!) };
  };

  test('a pattern read through the default mapping: the workspace folder, the mapping, the files', () => {
    const h = at('include "/etc/lighttpd/conf-en|abled/*.conf"\n')!;
    assert.equal(h.covered, '"/etc/lighttpd/conf-enabled/*.conf"');
    const [head, , count, ...list] = h.value.split('\n');
    assert.ok(
      head.startsWith(
        '`/etc/lighttpd/conf-enabled/*.conf` → read from `/ws/etc/lighttpd/conf-enabled/` (the workspace copy of /etc/lighttpd, ',
      ),
      head,
    );
    assert.match(head, /mapped by default\)$/);
    assert.equal(count, '2 files:');
    assert.deepEqual(
      list,
      files.map((p) => `- ${p}`),
    );
  });

  test('a plain path mapped by lighttpd.pathMappings, a relative one, a missing one', () => {
    const mapped = at('include "/etc/lighttpd/mod|ules.conf"\n', {
      ...context,
      pathMappings: [['/etc/lighttpd', '/ws/etc/lighttpd']],
      mainDir: '/elsewhere',
    })!;
    assert.match(
      mapped.value,
      /^`\/etc\/lighttpd\/modules\.conf` → read from `\/ws\/etc\/lighttpd\/modules\.conf` \(.*lighttpd\.pathMappings\)\n/,
    );
    const rel = at('include "modu|les.conf"\n')!;
    assert.ok(
      rel.value.startsWith('`/ws/etc/lighttpd/modules.conf` → read from `/ws/etc/lighttpd/modules.conf`\n'),
      rel.value,
    );
    const outside = at('include "/srv/x|.conf"\n')!;
    assert.ok(outside.value.startsWith('`/srv/x.conf` → read from `/srv/x.conf`\n'), outside.value);
    assert.equal(at('include "/srv/missing|.conf"\n')!.value, '`/srv/missing.conf` → not found');
  });

  test('without an include context there is no path hover; include_shell says it was not run instead', () => {
    const f = withCursor(
      'include "/etc/lighttpd/conf-en|abled/*.conf"\n',
      '|',
      'file:///ws/etc/lighttpd/lighttpd.conf',
    );
    assert.equal(doHover(f.doc, f.model, f.position), null);
    const shell = at('include_shell "/usr/share/lighttpd/create-mime|.conf.pl"\n')!;
    assert.doesNotMatch(shell.value, /read from/);
    assert.match(shell.value, /Not run for this check[\s\S]*mimetype\.assign/);
  });
});
