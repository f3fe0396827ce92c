/**
 * What of a routing map is drawn, and as which lines of text: collapsed subtrees (by node id, or below a
 * depth), sibling blocks that end in the same handler grouped into one box, and the text lines of each box.
 * Shared by every renderer (SVG, Mermaid, DOT) and the editor's map. Pure.
 */
import { stepText } from './handlers';
import type { RouteNode, RoutingMap } from './graph';

export interface ViewOptions {
  /** Node ids whose children are hidden. */
  readonly collapsed?: ReadonlySet<string>;
  /** Hide what lies deeper than this many levels below the server node (0: only the server). */
  readonly depth?: number;
  /** Node ids shown open although `depth` would hide what is below them. */
  readonly expanded?: ReadonlySet<string>;
  /** Group sibling blocks that have no blocks below them and end in the same handler. */
  readonly group?: boolean;
  /** Longest line drawn (longer ones end in '…'; the full text is in the node's title). */
  readonly maxLine?: number;
}

export interface ViewNode {
  readonly node: RouteNode;
  /** The id drawn (a group's: its first member's, `g` in front). */
  readonly id: string;
  readonly lines: readonly string[];
  /** The full text of the node (a tooltip). */
  readonly title: string;
  readonly children: readonly ViewNode[];
  /** How many nodes are hidden below this one (collapsed). */
  readonly hidden: number;
  /** The blocks a grouped box stands for (first one is `node`). */
  readonly members?: readonly RouteNode[];
  readonly depth: number;
}

function count(n: RouteNode): number {
  let c = 0;
  for (const k of n.children) c += 1 + count(k);
  return c;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function where(n: RouteNode): string {
  return n.file ? ` (${n.file.split('/').pop()}${n.line !== undefined ? `:${n.line}` : ''})` : '';
}

/** The text lines of a node's box. */
export function nodeLines(n: RouteNode, map?: RoutingMap): string[] {
  switch (n.kind) {
    case 'server':
      return map
        ? ['every listener', ...map.listeners.map((l) => `${l.address}${l.tls ? ' TLS' : ''}`)]
        : ['every listener', n.label];
    case 'listener':
      return [`listener ${n.label}`];
    case 'condition':
      return [n.inexact ? `${n.label} ≈` : n.label];
    case 'handler':
      return [...(n.otherwise ? ['otherwise'] : []), ...(n.steps ?? []).map(stepText)];
  }
}

function titleOf(n: RouteNode, lines: readonly string[]): string {
  const head = n.kind === 'handler' ? lines.join('\n') : (n.condition ?? lines.join('\n'));
  return `${head}${where(n)}${n.inexact ? `\nnot decided exactly: ${n.inexact}` : ''}`;
}

/** Whether a node is a block whose only child is its handler (a leaf for grouping). */
function leafBlock(n: RouteNode): boolean {
  return n.kind === 'condition' && !n.else && n.children.length === 1 && n.children[0].kind === 'handler';
}

function handlerKey(n: RouteNode): string {
  return nodeLines(n.children[0]).join('\n');
}

export function viewOf(map: RoutingMap, options: ViewOptions = {}): ViewNode {
  const max = options.maxLine ?? 64;
  const make = (n: RouteNode, depth: number, members?: RouteNode[]): ViewNode => {
    const lines = members
      ? [...members.slice(0, 3).map((m) => m.label), ...(members.length > 3 ? [`+${members.length - 3} more`] : [])]
      : nodeLines(n, map);
    const title = members ? members.map((m) => `${m.condition ?? m.label}${where(m)}`).join('\n') : titleOf(n, lines);
    const hide =
      n.children.length > 0 &&
      (options.collapsed?.has(n.id) ||
        (options.depth !== undefined && depth >= options.depth && !options.expanded?.has(n.id)));
    let children: ViewNode[] = [];
    if (!hide) {
      const list = n.children;
      if (options.group) {
        const groups = new Map<string, RouteNode[]>();
        for (const c of list) if (leafBlock(c)) groups.set(handlerKey(c), [...(groups.get(handlerKey(c)) ?? []), c]);
        const done = new Set<RouteNode>();
        for (const c of list) {
          if (done.has(c)) continue;
          const g = leafBlock(c) ? groups.get(handlerKey(c)) : undefined;
          if (g && g.length > 1) {
            g.forEach((x) => done.add(x));
            const box = make(c, depth + 1, g);
            children.push({ ...box, id: `g${c.id}` });
          } else children.push(make(c, depth + 1));
        }
      } else children = list.map((c) => make(c, depth + 1));
    }
    return {
      node: n,
      id: n.id,
      lines: lines.map((l) => clip(l, max)),
      title,
      children,
      hidden: hide ? count(n) : 0,
      ...(members ? { members } : {}),
      depth,
    };
  };
  return make(map.root, 0);
}

/** Every view node, parents first. */
export function* viewNodes(v: ViewNode): Generator<ViewNode> {
  yield v;
  for (const c of v.children) yield* viewNodes(c);
}
