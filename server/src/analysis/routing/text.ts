/**
 * The routing map as Mermaid (a `flowchart LR` for READMEs and pull requests) and as Graphviz DOT. Both
 * draw the same boxes and lines as the SVG (view.ts); their own tools lay them out. Pure.
 */
import { viewNodes, type ViewNode } from './view';

/** Mermaid label text: quotes, angle brackets and '#' as Mermaid's entity codes, lines joined by <br/>. */
function mermaidText(lines: readonly string[]): string {
  return lines
    .map((l) => l.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\u0000-\u001f]/g, ' '))
    .join('<br/>');
}

function mermaidShape(v: ViewNode, text: string): string {
  switch (v.node.kind) {
    case 'server':
      return `[["${text}"]]`;
    case 'listener':
      return `(["${text}"])`;
    case 'condition':
      return `["${text}"]`;
    case 'handler':
      return `[/"${text}"/]`;
  }
}

export function renderMermaid(root: ViewNode, highlight?: ReadonlySet<string>): string {
  const out = ['flowchart LR'];
  const classOf: string[] = [];
  for (const v of viewNodes(root)) {
    const lines = v.hidden ? [...v.lines, `(+${v.hidden} hidden)`] : v.lines;
    out.push(`  ${v.id}${mermaidShape(v, mermaidText(lines))}`);
    if (v.node.inexact) classOf.push(`  class ${v.id} inexact`);
    if (!v.node.routing) classOf.push(`  class ${v.id} norouting`);
    if (v.node.steps?.some((s) => s.ignored)) classOf.push(`  class ${v.id} ignored`);
    if (highlight?.has(v.id)) classOf.push(`  class ${v.id} highlight`);
  }
  for (const v of viewNodes(root)) for (const c of v.children) out.push(`  ${v.id} --> ${c.id}`);
  out.push(
    '  classDef inexact stroke-dasharray: 5 3',
    '  classDef norouting opacity: 0.6',
    '  classDef ignored stroke: #c62828',
    '  classDef highlight stroke: #d500f9, stroke-width: 3px',
    ...classOf,
  );
  return out.join('\n') + '\n';
}

/** A DOT string: backslashes and quotes escaped, each line left-justified (\l). */
function dotText(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f]/g, ' ')).join('\\l') + '\\l';
}

export function renderDot(root: ViewNode, highlight?: ReadonlySet<string>): string {
  const out = [
    'digraph routing {',
    '  rankdir=LR;',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="monospace", fontsize=10];',
    '  edge [color="#9e9e9e"];',
  ];
  const style: Record<string, string> = {
    server: 'fillcolor="#eef2f8", color="#4a6da7"',
    listener: 'fillcolor="#e8f0fe", color="#1a73e8"',
    condition: 'shape=box, style="filled", fillcolor="#fffbe6", color="#b08800"',
    handler: 'fillcolor="#eaf6ec", color="#2e7d32"',
  };
  for (const v of viewNodes(root)) {
    const n = v.node;
    const lines = v.hidden ? [...v.lines, `(+${v.hidden} hidden)`] : v.lines;
    const extra = [
      style[n.kind],
      ...(n.inexact ? ['style="filled,dashed"'] : []),
      ...(n.steps?.some((s) => s.ignored) ? ['fillcolor="#fdecea", color="#c62828"'] : []),
      ...(highlight?.has(v.id) ? ['penwidth=3, color="#d500f9"'] : []),
      ...(n.file !== undefined && n.line !== undefined
        ? [`tooltip="${dotText([`${n.file}:${n.line}`]).slice(0, -2)}"`]
        : []),
    ];
    out.push(`  ${v.id} [label="${dotText(lines)}", ${extra.join(', ')}];`);
  }
  for (const v of viewNodes(root)) for (const c of v.children) out.push(`  ${v.id} -> ${c.id};`);
  out.push('}');
  return out.join('\n') + '\n';
}
