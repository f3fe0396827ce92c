/**
 * Warm-up while the server waits for its first document. A fresh process runs everything in V8's
 * interpreter first: the first check of a 10,000-line config costs several times a later one (the parser's
 * construction, then parse, evaluation and checks compiled as they get hot). Between `initialized` and the
 * first `didOpen` the server is idle (the client reads its settings, activates other extensions): these
 * passes check, edit and complete a small built-in config there, so that the user's first document meets
 * compiled code. Each pass is a few milliseconds; passes run one per macrotask (messages are read in
 * between) and stop for good as soon as a document is open, or after `passes`. The first pass waits
 * `delayMs`: a client that opens a document at once (a window reload) sends didOpen right behind
 * `initialized`, and a pass must not run ahead of it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../service';

export interface WarmUpOptions {
  /** True once real work has arrived (a document is open): the warm-up ends. */
  busy(): boolean;
  /** Passes at most (default 12). */
  readonly passes?: number;
  /** Before the first pass (default 50 ms). */
  readonly delayMs?: number;
  /** Called after each pass (tests). */
  onPass?(n: number): void;
  /** Reports a failure of a pass; the warm-up then ends. */
  onError?(e: unknown): void;
}

/** A config with what real ones hold: modules, globals, conditions with regexes, lists, nesting, else. */
export function warmUpSample(blocks = 12): string {
  const head = [
    'server.modules = ( "mod_access", "mod_alias", "mod_redirect", "mod_rewrite", "mod_proxy", "mod_setenv" )',
    'server.document-root = "/var/www/html"',
    'server.port = 80',
    'server.username = "www-data"',
    'index-file.names = ( "index.php", "index.html" )',
    'var.base = "/srv"',
    'mimetype.assign = ( ".html" => "text/html", ".css" => "text/css", ".js" => "text/javascript" )',
    'url.access-deny = ( "~", ".inc" )',
  ];
  const body: string[] = [];
  for (let i = 0; i < blocks; i++) {
    body.push(
      `$HTTP["host"] =~ "^(www\\.)?site${i}\\.example$" {`,
      `  server.document-root = var.base + "/site${i}"`,
      `  alias.url += ( "/static${i}/" => "/srv/static/${i}/" )`,
      `  $HTTP["url"] =^ "/api/" {`,
      `    proxy.server = ( "" => ( ( "host" => "127.0.0.1", "port" => ${8000 + i} ) ) )`,
      '  }',
      `  else $HTTP["url"] =~ "^/old/(.*)$" {`,
      '    url.redirect = ( "^/old/(.*)$" => "/new/$1" )',
      '  }',
      '  setenv.add-response-header = ( "X-Frame-Options" => "DENY" )',
      '}',
    );
  }
  return [...head, ...body, ''].join('\n');
}

/** Starts the warm-up; returns a function that cancels what is left of it. */
export function startWarmUp(options: WarmUpOptions): () => void {
  const passes = options.passes ?? 12;
  const text = warmUpSample();
  const edited = text.replace('server.port = 80', 'server.port = 8080');
  const uri = 'untitled:lighttpd-warm-up.conf';
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pass = (n: number) => {
    timer = undefined;
    if (cancelled || options.busy()) return;
    try {
      const svc = getLanguageService();
      svc.doValidation(TextDocument.create(uri, 'lighttpd', 1, text));
      // An edit (incremental re-parse and evaluation), then requests on the new version.
      const doc = TextDocument.create(uri, 'lighttpd', 2, edited);
      svc.doValidation(doc);
      svc.doComplete(doc, { line: 9, character: 2 });
      svc.doHover(doc, { line: 1, character: 10 });
    } catch (e) {
      options.onError?.(e);
      return;
    }
    options.onPass?.(n + 1);
    if (n + 1 < passes) timer = setTimeout(() => pass(n + 1), 0);
  };
  timer = setTimeout(() => pass(0), options.delayMs ?? 50);
  return () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
  };
}
