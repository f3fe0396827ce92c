// A small expander for VS Code snippet bodies, used by the tests to turn a snippet into the text
// an editor would insert when the user accepts every default.
//
// Grammar (https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar):
//   any         ::= tabstop | placeholder | choice | variable | text
//   tabstop     ::= '$' int | '${' int '}' | '${' int transform '}'
//   placeholder ::= '${' int ':' any* '}'
//   choice      ::= '${' int '|' text (',' text)* '|}'
//   variable    ::= '$' var | '${' var '}' | '${' var ':' any* '}' | '${' var transform '}'
//   transform   ::= '/' regex '/' (format | text)+ '/' options
//   format      ::= '$' int | '${' int '}' | '${' int ':' ('/upcase'|'/downcase'|'/capitalize'|...) '}'
//                 | '${' int ':+' if '}' | '${' int ':?' if ':' else '}' | '${' int ':-' else '}' | '${' int ':' else '}'
// Escapes: '\$', '\}' and '\\' in text ('\,' and '\|' too inside choices; '\/' inside transforms).
// A backslash before any other character, and a '$' that starts nothing valid, are literal.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Transform {
  regex: string;
  format: FormatPart[];
  options: string;
}

export type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; modifier?: string; ifText?: string; elseText?: string };

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export class SnippetSyntaxError extends Error {}

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  /** Parses nodes until end of input, or (when nested) until an unescaped '}' which is consumed. */
  parseNodes(nested: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === '\\') {
        const n = this.peek(1);
        if (n === '$' || n === '}' || n === '\\') {
          text += n;
          this.pos += 2;
        } else {
          text += c;
          this.pos += 1;
        }
        continue;
      }
      if (nested && c === '}') {
        this.pos += 1;
        flush();
        return out;
      }
      if (c === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
        continue;
      }
      text += c;
      this.pos += 1;
    }
    if (nested) throw new SnippetSyntaxError(`unterminated placeholder in: ${this.src}`);
    flush();
    return out;
  }

  private readInt(): number | undefined {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private readVarName(): string | undefined {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** At a '$'. Returns a node, or undefined when the '$' starts nothing valid (then it is literal). */
  private parseDollar(): SnippetNode | undefined {
    this.pos += 1; // '$'
    if (this.peek() !== '{') {
      const index = this.readInt();
      if (index !== undefined) return { kind: 'tabstop', index };
      const name = this.readVarName();
      if (name !== undefined) return { kind: 'variable', name };
      return undefined;
    }
    this.pos += 1; // '{'
    const index = this.readInt();
    if (index !== undefined) {
      const c = this.peek();
      if (c === '}') {
        this.pos += 1;
        return { kind: 'tabstop', index };
      }
      if (c === ':') {
        this.pos += 1;
        return { kind: 'placeholder', index, children: this.parseNodes(true) };
      }
      if (c === '|') {
        this.pos += 1;
        const options = this.parseChoice();
        return options ? { kind: 'choice', index, options } : undefined;
      }
      if (c === '/') {
        const transform = this.parseTransform();
        return transform ? { kind: 'tabstop', index, transform } : undefined;
      }
      return undefined;
    }
    const name = this.readVarName();
    if (name === undefined) return undefined;
    const c = this.peek();
    if (c === '}') {
      this.pos += 1;
      return { kind: 'variable', name };
    }
    if (c === ':') {
      this.pos += 1;
      return { kind: 'variable', name, children: this.parseNodes(true) };
    }
    if (c === '/') {
      const transform = this.parseTransform();
      return transform ? { kind: 'variable', name, transform } : undefined;
    }
    return undefined;
  }

  /** After '${n|'. Reads options up to '|}'. */
  private parseChoice(): string[] | undefined {
    const options: string[] = [];
    let cur = '';
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === '\\' && '$}\\,|'.includes(this.peek(1)) && this.peek(1) !== '') {
        cur += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (c === ',') {
        options.push(cur);
        cur = '';
        this.pos += 1;
        continue;
      }
      if (c === '|' && this.peek(1) === '}') {
        options.push(cur);
        this.pos += 2;
        return options;
      }
      cur += c;
      this.pos += 1;
    }
    return undefined;
  }

  /** Reads up to an unescaped '/', unescaping '\/'. */
  private readUntilSlash(): string | undefined {
    let out = '';
    while (this.pos < this.src.length) {
      const c = this.peek();
      if (c === '\\' && this.peek(1) === '/') {
        out += '/';
        this.pos += 2;
        continue;
      }
      if (c === '\\' && this.pos + 1 < this.src.length) {
        out += c + this.peek(1);
        this.pos += 2;
        continue;
      }
      if (c === '/') {
        this.pos += 1;
        return out;
      }
      out += c;
      this.pos += 1;
    }
    return undefined;
  }

  /** At '/' of '/regex/format/options}'. Consumes the closing '}'. */
  private parseTransform(): Transform | undefined {
    this.pos += 1; // '/'
    const regex = this.readUntilSlash();
    if (regex === undefined) return undefined;
    const format: FormatPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) format.push({ kind: 'text', value: text });
      text = '';
    };
    for (;;) {
      if (this.pos >= this.src.length) return undefined;
      const c = this.peek();
      if (c === '\\' && '$}\\/'.includes(this.peek(1)) && this.peek(1) !== '') {
        text += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (c === '/') {
        this.pos += 1;
        break;
      }
      if (c === '$') {
        const part = this.parseFormat();
        if (part) {
          flush();
          format.push(part);
          continue;
        }
      }
      text += c;
      this.pos += 1;
    }
    flush();
    const m = /^[a-z]*/.exec(this.src.slice(this.pos));
    const options = m ? m[0] : '';
    this.pos += options.length;
    if (this.peek() !== '}') return undefined;
    this.pos += 1;
    return { regex, format, options };
  }

  private parseFormat(): FormatPart | undefined {
    const start = this.pos;
    this.pos += 1; // '$'
    if (this.peek() !== '{') {
      const index = this.readInt();
      if (index !== undefined) return { kind: 'group', index };
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const index = this.readInt();
    if (index === undefined) {
      this.pos = start;
      return undefined;
    }
    if (this.peek() === '}') {
      this.pos += 1;
      return { kind: 'group', index };
    }
    if (this.peek() !== ':') {
      this.pos = start;
      return undefined;
    }
    this.pos += 1;
    const readTo = (stops: string): string | undefined => {
      let out = '';
      while (this.pos < this.src.length) {
        const c = this.peek();
        if (c === '\\' && this.pos + 1 < this.src.length) {
          out += this.peek(1);
          this.pos += 2;
          continue;
        }
        if (stops.includes(c)) return out;
        out += c;
        this.pos += 1;
      }
      return undefined;
    };
    const c = this.peek();
    let part: FormatPart | undefined;
    if (c === '/') {
      const m = /^\/(upcase|downcase|capitalize|camelcase|pascalcase)\}/.exec(this.src.slice(this.pos));
      if (m) {
        this.pos += m[0].length;
        return { kind: 'group', index, modifier: m[1] };
      }
    } else if (c === '+') {
      this.pos += 1;
      const ifText = readTo('}');
      if (ifText !== undefined) part = { kind: 'group', index, ifText };
    } else if (c === '?') {
      this.pos += 1;
      const ifText = readTo(':');
      if (ifText !== undefined) {
        this.pos += 1;
        const elseText = readTo('}');
        if (elseText !== undefined) part = { kind: 'group', index, ifText, elseText };
      }
    } else {
      if (c === '-') this.pos += 1;
      const elseText = readTo('}');
      if (elseText !== undefined) part = { kind: 'group', index, elseText };
    }
    if (part && this.peek() === '}') {
      this.pos += 1;
      return part;
    }
    this.pos = start;
    return undefined;
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parseNodes(false);
}

function applyTransform(value: string, t: Transform): string {
  const flags = t.options.replace(/[^gimsuy]/g, '');
  const re = new RegExp(t.regex, flags);
  const render = (groups: (string | undefined)[]): string =>
    t.format
      .map((p) => {
        if (p.kind === 'text') return p.value;
        const g = groups[p.index] ?? '';
        if (p.modifier) {
          switch (p.modifier) {
            case 'upcase':
              return g.toUpperCase();
            case 'downcase':
              return g.toLowerCase();
            case 'capitalize':
              return g.charAt(0).toUpperCase() + g.slice(1);
            case 'pascalcase':
            case 'camelcase': {
              const words = g.split(/[^a-zA-Z0-9]+/).filter(Boolean);
              const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
              return p.modifier === 'pascalcase' ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1);
            }
          }
        }
        if (p.ifText !== undefined) return g ? p.ifText : (p.elseText ?? '');
        if (p.elseText !== undefined) return g || p.elseText;
        return g;
      })
      .join('');
  return value.replace(re, (...args: unknown[]) => {
    // args: match, p1..pn, offset, string[, groups]
    let end = args.length;
    if (typeof args[end - 1] === 'object') end -= 1;
    const groups = args.slice(0, end - 2) as (string | undefined)[];
    return render(groups);
  });
}

export interface ExpandOptions {
  /** Values of snippet variables (TM_FILENAME, ...). Unknown variables expand like VS Code: to their default, else their name. */
  variables?: Record<string, string>;
  /** Picks the value of a choice tab stop; default: the first option. */
  choose?: (index: number, options: string[]) => string;
}

export interface Expansion {
  text: string;
  /** Tab stop indexes in the order they appear (including $0). */
  tabstops: number[];
  /** Every choice tab stop with its options. */
  choices: Map<number, string[]>;
  /** Names of the variables the body uses. */
  variables: string[];
}

/** Expands a snippet body (string or array of lines, as in a snippets JSON file) with default values. */
export function expandSnippet(body: string | string[], opts: ExpandOptions = {}): Expansion {
  const src = Array.isArray(body) ? body.join('\n') : body;
  const nodes = parseSnippet(src);
  const vars = opts.variables ?? {};
  const choose = opts.choose ?? ((_i: number, o: string[]) => o[0] ?? '');

  // The first placeholder or choice of an index defines the value that every other
  // occurrence of that index (a bare tab stop, a mirror) shows.
  const defining = new Map<number, SnippetNode>();
  const tabstops: number[] = [];
  const choices = new Map<number, string[]>();
  const variables: string[] = [];
  const collect = (list: SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind === 'tabstop' || n.kind === 'placeholder' || n.kind === 'choice') {
        tabstops.push(n.index);
        if (n.kind !== 'tabstop' && !defining.has(n.index)) defining.set(n.index, n);
        if (n.kind === 'choice' && !choices.has(n.index)) choices.set(n.index, n.options);
      }
      if (n.kind === 'variable') variables.push(n.name);
      if ((n.kind === 'placeholder' || n.kind === 'variable') && n.children) collect(n.children);
    }
  };
  collect(nodes);

  const valueOf = (index: number, seen: Set<number>): string => {
    if (index === 0) return '';
    const def = defining.get(index);
    if (!def || seen.has(index)) return '';
    if (def.kind === 'choice') return choose(index, def.options);
    if (def.kind === 'placeholder') return render(def.children, new Set(seen).add(index));
    return '';
  };

  const render = (list: SnippetNode[], seen: Set<number>): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'tabstop': {
            const v = valueOf(n.index, seen);
            return n.transform ? applyTransform(v, n.transform) : v;
          }
          case 'placeholder':
          case 'choice':
            return valueOf(n.index, seen);
          case 'variable': {
            const known = Object.prototype.hasOwnProperty.call(vars, n.name);
            if (n.transform) return applyTransform(known ? (vars[n.name] ?? '') : '', n.transform);
            if (known && vars[n.name]) return vars[n.name] ?? '';
            if (n.children) return render(n.children, seen);
            return known ? '' : n.name;
          }
        }
      })
      .join('');

  return { text: render(nodes, new Set()), tabstops, choices, variables };
}

/** The text a shipped snippet (snippets/lighttpd.json, by its prefix) inserts when every default is accepted. */
export function shippedSnippet(prefix: string): string {
  const snippets = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../snippets/lighttpd.json', import.meta.url)), 'utf8'),
  ) as Record<string, { prefix: string | string[]; body: string | string[] }>;
  const s = Object.values(snippets).find((x) => [x.prefix].flat().includes(prefix));
  if (!s) throw new Error(`no snippet with the prefix ${prefix}`);
  return expandSnippet(s.body).text;
}
