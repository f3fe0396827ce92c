/**
 * Live validation by lighttpd itself (setting `lighttpd.validate.executable`): the output of
 * `lighttpd -tt -f <root config>` turned into diagnostics with source `lighttpd`. Pure: the process is
 * run by server/src/node/lighttpdRunner.ts; this file only reads its text.
 *
 * What lighttpd prints (src/configfile.c, src/configparser.y; timestamps stripped here):
 *   - tokenizer and parser errors: `(configfile.c.N) source: FILE line: L pos: P <message>`, L 1-based,
 *     P the 0-based column; the parser's `parser failed somehow near here: (EOL)` points at the line after
 *     the statement (the end-of-line token), so it is shown on the last line with content before it;
 *   - grammar-action errors print a bare message first (`Duplicate config variable ...`,
 *     `Undefined config variable: var.x`), then the `source:` line: they are reported together;
 *   - `WARNING: unknown config-key: KEY (ignored)`: shown on each assignment of KEY in the document;
 *   - messages that name what they are about without a position are placed on it (`locateMessage`): the
 *     event-handler error on `server.event-handler`, a type error (`got a string but expected a short: KEY
 *     VALUE`) on KEY, a module lighttpd cannot load on its name in `server.modules`, any message naming a
 *     key the document sets on that key; the follow-ups lighttpd prints after them (`setting default values
 *     failed`, `... Going down.`) are dropped;
 *   - anything else (`server.document-root is not set`, ...): on the first line of the saved document, an
 *     error if lighttpd failed, a warning if it went on.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Assignment, ConfigFile, Severity, Statement } from '../../parser/ast';
import { SEVERITY } from './diagnostics';

export const LIGHTTPD_SOURCE = 'lighttpd';

export type LighttpdMessage =
  | {
      readonly kind: 'position';
      readonly file: string;
      readonly line: number;
      readonly pos: number;
      readonly message: string;
      readonly nearEol: boolean;
    }
  | { readonly kind: 'unknown-key'; readonly key: string; readonly message: string }
  | { readonly kind: 'general'; readonly message: string; readonly warning: boolean };

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /;
const ORIGIN = /^\([\w.-]+\.c\.\d+\)\s*/;
const POSITION = /^source: (.*?) line: (\d+)(?: pos: (\d+))? (.*)$/;
/** What lighttpd prints after a failure it already explained. */
const FOLLOW_UP =
  /^(setting default values failed|loading plugins finally failed|(Initialization|Configuration) of plugins failed\. Going down\.)$/;
const UNKNOWN_KEY = /^WARNING: unknown config-key: (\S+) \(ignored\)/;

/** The messages of a `lighttpd -tt` run, in order. Lines that say nothing (Syntax OK, blank) are dropped. */
export function parseLighttpdOutput(output: string): LighttpdMessage[] {
  const out: LighttpdMessage[] = [];
  let pending: string[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(TIMESTAMP, '').trim();
    if (!line || line === 'Syntax OK') continue;
    const origin = ORIGIN.test(line);
    const text = line.replace(ORIGIN, '');
    const pos = POSITION.exec(text);
    if (pos) {
      const [, file, l, p, rest] = pos;
      const message = [...pending, rest].join(': ');
      pending = [];
      out.push({
        kind: 'position',
        file,
        line: Number(l),
        pos: p === undefined ? -1 : Number(p),
        message,
        nearEol: /near here: \(EOL\)$/.test(rest),
      });
      continue;
    }
    const key = UNKNOWN_KEY.exec(text);
    if (key) {
      out.push({ kind: 'unknown-key', key: key[1], message: text });
      continue;
    }
    // "configfile parser failed at: X" repeats the position line before it.
    if (/^configfile parser failed at:/.test(text) && out.length > 0 && out[out.length - 1].kind === 'position')
      continue;
    if (FOLLOW_UP.test(text) && out.length > 0) continue;
    if (!origin) {
      // A bare message from the grammar actions: it belongs to the `source:` line that follows.
      pending.push(text);
      continue;
    }
    out.push({ kind: 'general', message: text, warning: /^WARNING\b|DEPRECATED/i.test(text) });
  }
  for (const p of pending) out.push({ kind: 'general', message: p, warning: false });
  return out;
}

export interface LighttpdDiagnosticsOptions {
  /** File path of `doc`. */
  readonly path: string;
  /** The parse of `doc`, to place `unknown config-key` warnings on their assignments. */
  readonly file?: ConfigFile;
  /** Messages without a position (and for other files) are shown on this document only. */
  readonly isSavedDocument: boolean;
  /** lighttpd exited with a failure (then messages without a position are errors). */
  readonly failed: boolean;
  /** How lighttpd names files: relative names are taken from this directory (the root config's). */
  readonly baseDir?: string;
  /** A note about the run itself (lighttpd not found, killed after the timeout...): a warning on the saved document. */
  readonly notice?: string;
  /**
   * The user's per-code severities (lighttpd.diagnostics.severity): `lighttpd-error` and
   * `lighttpd-warning` follow them like every other code ('off' drops them). The notice is not affected.
   */
  readonly severity?: Readonly<Record<string, Severity | 'off'>>;
}

function samePath(a: string, b: string, baseDir?: string): boolean {
  if (a === b) return true;
  if (baseDir && !a.startsWith('/')) return `${baseDir.replace(/\/$/, '')}/${a.replace(/^\.\//, '')}` === b;
  return false;
}

function* assignments(statements: readonly Statement[]): Generator<Assignment> {
  for (const s of statements) {
    if (s.kind === 'assignment') yield s;
    else if (s.kind === 'global') yield* assignments(s.body?.statements ?? []);
    else if (s.kind === 'conditional') for (const b of s.branches) yield* assignments(b.body?.statements ?? []);
  }
}

/** Range of the line's content (without its indentation, trailing blanks or comment). */
function lineRange(doc: TextDocument, line: number): Diagnostic['range'] {
  const text = doc
    .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
    .replace(/(\r\n|\r|\n)$/, '');
  const start = text.length - text.trimStart().length;
  const body = text.replace(/\s*#.*$/, '').trimEnd();
  const end = body.length > start ? body.length : text.trimEnd().length; // a comment-only line: all of it
  return { start: { line, character: start }, end: { line, character: Math.max(start, end) } };
}

function isBlankOrComment(doc: TextDocument, line: number): boolean {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return /^\s*(#.*)?\s*$/.test(text);
}

export function lighttpdDiagnostics(
  messages: readonly LighttpdMessage[],
  doc: TextDocument,
  options: LighttpdDiagnosticsOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (range: Diagnostic['range'], message: string, severity: DiagnosticSeverity) => {
    const code = severity === DiagnosticSeverity.Error ? 'lighttpd-error' : 'lighttpd-warning';
    const level = options.severity?.[code];
    if (level === 'off') return;
    out.push({ range, severity: level ? SEVERITY[level] : severity, source: LIGHTTPD_SOURCE, code, message });
  };
  const lastLine = Math.max(0, doc.lineCount - 1);
  if (options.notice && options.isSavedDocument) {
    out.push({
      range: lineRange(doc, 0),
      severity: DiagnosticSeverity.Warning,
      source: LIGHTTPD_SOURCE,
      code: 'lighttpd-warning',
      message: options.notice,
    });
  }
  for (const m of messages) {
    switch (m.kind) {
      case 'position': {
        if (!samePath(m.file, options.path, options.baseDir)) continue; // another file's problem
        let line = Math.min(Math.max(0, m.line - 1), lastLine);
        if (m.nearEol && m.pos === 0) {
          // The end-of-line token lies after the statement (and any blank or comment lines after it).
          line = Math.min(Math.max(0, m.line - 2), lastLine);
          while (line > 0 && isBlankOrComment(doc, line)) line--;
          add(lineRange(doc, line), m.message, DiagnosticSeverity.Error);
          break;
        }
        if (m.pos < 0) {
          add(lineRange(doc, line), m.message, DiagnosticSeverity.Error);
          break;
        }
        const text = doc
          .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
          .replace(/(\r\n|\r|\n)$/, '');
        // (output of an older version may point past the end of the line: the range stays inside it)
        const col = Math.max(0, Math.min(m.pos, text.length));
        const word = /^[^\s]*/.exec(text.slice(col))?.[0] ?? '';
        add(
          {
            start: { line, character: col },
            end: { line, character: Math.min(text.length, col + Math.max(1, word.length)) },
          },
          m.message,
          DiagnosticSeverity.Error,
        );
        break;
      }
      case 'unknown-key': {
        const found = options.file
          ? [...assignments(options.file.statements)].filter((a) => a.key.fullName === m.key || a.key.name === m.key)
          : [];
        for (const a of found)
          add(
            { start: doc.positionAt(a.key.start), end: doc.positionAt(a.key.end) },
            `lighttpd: ${m.message}`,
            DiagnosticSeverity.Warning,
          );
        break;
      }
      case 'general': {
        // Placed on what it names when this document has it; otherwise on the saved document's first line.
        const at = options.file ? locateMessage(m.message, options.file, doc) : undefined;
        if (at || options.isSavedDocument)
          add(
            at ?? lineRange(doc, 0),
            `lighttpd: ${m.message}`,
            m.warning || !options.failed ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
          );
        break;
      }
    }
  }
  return out;
}

/** What a message without a position is about: a key (`server.event-handler`), a list key or a string. */
type Target = { readonly key: string } | { readonly listKey: string } | { readonly string: string };

/** lighttpd's messages (1.4.69 wording; newer releases keep them) that name their subject. */
const KNOWN: readonly [RegExp, (m: RegExpExecArray) => Target][] = [
  [/\bevent-handler (?:is|in) unknown or not supported\b/, () => ({ key: 'server.event-handler' })],
  [/^got an? \S+ but expected an? \S+: (\S+)/, (m) => (m[1].includes('.') ? { key: m[1] } : { listKey: m[1] })],
  [/ has to be set when ([\w.-]+) = /, (m) => ({ key: m[1] })],
  [/dlopen\(\) failed for: \S*?\/?(mod_\w+)\.so\b/, (m) => ({ string: m[1] })],
  [/please add "(mod_\w+)" to server\.modules/, () => ({ key: 'server.modules' })],
];

const KEY_IN_TEXT = /\b[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+\b/gi;

/** Where a message without a position belongs in `doc`, if it names something the document has. */
export function locateMessage(message: string, file: ConfigFile, doc: TextDocument): Diagnostic['range'] | undefined {
  const all = [...assignments(file.statements)];
  const onKey = (key: string) => {
    const a = all.find((x) => x.key.fullName === key);
    return a ? { start: doc.positionAt(a.key.start), end: doc.positionAt(a.key.end) } : undefined;
  };
  const onText = (pattern: RegExp) => {
    const text = doc.getText();
    for (const m of text.matchAll(pattern)) {
      const lineStart = text.lastIndexOf('\n', m.index) + 1;
      if (/^\s*#/.test(text.slice(lineStart, m.index))) continue; // in a comment
      return { start: doc.positionAt(m.index), end: doc.positionAt(m.index + m[0].length) };
    }
    return undefined;
  };
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const [re, target] of KNOWN) {
    const m = re.exec(message);
    if (!m) continue;
    const t = target(m);
    const at =
      'key' in t
        ? onKey(t.key)
        : 'listKey' in t
          ? onText(new RegExp(`"${escape(t.listKey)}"(?=\\s*=>)`, 'g'))
          : onText(new RegExp(`"${escape(t.string)}"`, 'g'));
    if (at) return at;
  }
  for (const [k] of message.matchAll(KEY_IN_TEXT)) {
    const at = onKey(k);
    if (at) return at;
  }
  return undefined;
}
