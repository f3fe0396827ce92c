/**
 * The routing map as one self-contained SVG: no script, no font or image from elsewhere, readable in any
 * browser or image viewer. Every box is a `<g class="node KIND" data-id=...>` with a `<title>` (the full
 * condition or handler, file and line); the editor's webview draws the same markup without the embedded
 * style (its own, nonce'd, uses the theme's colours) and adds behaviour by `data-id`. Pure.
 */
import { layoutTree, type Layout } from './layout';
import type { ViewNode } from './view';

export interface SvgOptions {
  /** Embed the default style (light, and dark under prefers-color-scheme). Default true. */
  readonly style?: boolean;
  /** Node ids drawn highlighted (a simulated request's path). */
  readonly highlight?: ReadonlySet<string>;
  /** Make boxes focusable (tabindex, role): for the editor. */
  readonly interactive?: boolean;
  readonly fontSize?: number;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** XML 1.0 forbids most control characters even escaped: configs may hold any byte. */
function xmlText(s: string): string {
  if (!/[&<>"'\u0000-\u001f\ufffe\uffff]/.test(s)) return s;
  return escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd'));
}

export const SVG_STYLE = `
.map{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
.node rect{fill:#fff;stroke:#8a8a8a;stroke-width:1}
.node text{fill:#1f1f1f}
.node.server rect{fill:#eef2f8;stroke:#4a6da7}
.node.listener rect{fill:#e8f0fe;stroke:#1a73e8}
.node.condition rect{fill:#fffbe6;stroke:#b08800}
.node.handler rect{fill:#eaf6ec;stroke:#2e7d32}
.node.inexact rect{stroke-dasharray:5 3}
.node.norouting rect{opacity:.55}
.node.norouting text{opacity:.6}
.node.ignored rect{fill:#fdecea;stroke:#c62828}
.node .sub{fill:#6a6a6a}
.node.highlight rect{stroke:#d500f9;stroke-width:3}
.edge{fill:none;stroke:#9e9e9e;stroke-width:1.2}
.edge.highlight{stroke:#d500f9;stroke-width:2.5}
.badge{fill:#6a6a6a}
@media (prefers-color-scheme:dark){
.node rect{fill:#252526;stroke:#8a8a8a}
.node text{fill:#e0e0e0}
.node.server rect{fill:#1e2a3a;stroke:#7aa2e3}
.node.listener rect{fill:#17293f;stroke:#6ea8fe}
.node.condition rect{fill:#2f2a14;stroke:#d4b106}
.node.handler rect{fill:#15291a;stroke:#66bb6a}
.node.ignored rect{fill:#3a1a1a;stroke:#ef5350}
.node .sub{fill:#a0a0a0}
.edge{stroke:#6a6a6a}
}`;

function classes(v: ViewNode, highlight: ReadonlySet<string> | undefined): string {
  const n = v.node;
  const c = ['node', n.kind];
  if (n.else) c.push('else');
  if (n.inexact) c.push('inexact');
  if (!n.routing) c.push('norouting');
  if (n.otherwise) c.push('otherwise');
  if (n.steps?.some((s) => s.ignored)) c.push('ignored');
  if (v.members) c.push('group');
  if (v.hidden) c.push('collapsed');
  if (highlight?.has(v.id) || v.members?.some((m) => highlight?.has(m.id))) c.push('highlight');
  return c.join(' ');
}

export function renderSvg(root: ViewNode, options: SvgOptions = {}): string {
  return svgOfLayout(layoutTree(root, { fontSize: options.fontSize }), options);
}

export function svgOfLayout(layout: Layout, options: SvgOptions = {}): string {
  const { lineHeight, padding, fontSize } = layout;
  const hl = options.highlight;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${layout.width}" height="${layout.height}" ` +
      `viewBox="0 0 ${layout.width} ${layout.height}" font-size="${fontSize}">`,
  );
  out.push('<title>lighttpd routing map</title>');
  if (options.style !== false) out.push(`<style>${SVG_STYLE}</style>`);
  out.push('<g class="edges">');
  for (const e of layout.edges) {
    const x1 = e.from.x + e.from.width;
    const y1 = e.from.y + e.from.height / 2;
    const x2 = e.to.x;
    const y2 = e.to.y + e.to.height / 2;
    const mx = (x1 + x2) / 2;
    const on = hl && (hl.has(e.to.view.id) || e.to.view.members?.some((m) => hl.has(m.id))) && hl.has(e.from.view.id);
    out.push(
      `<path class="edge${on ? ' highlight' : ''}" data-to="${escapeXml(e.to.view.id)}" d="M${x1} ${y1}C${mx} ${y1} ${mx} ${y2} ${x2} ${y2}"/>`,
    );
  }
  out.push('</g><g class="nodes">');
  for (const b of layout.boxes) {
    const v = b.view;
    const n = v.node;
    const attrs = [
      `class="${classes(v, hl)}"`,
      `data-id="${escapeXml(v.id)}"`,
      ...(n.line !== undefined ? [`data-line="${n.line}"`] : []),
      `transform="translate(${b.x} ${b.y})"`,
      ...(options.interactive
        ? [`tabindex="0"`, `role="treeitem"`, `aria-label="${xmlText(v.title.split('\n').join('; '))}"`]
        : []),
    ];
    out.push(`<g ${attrs.join(' ')}>`);
    out.push(`<title>${xmlText(v.title)}</title>`);
    out.push(`<rect width="${b.width}" height="${b.height}" rx="${n.kind === 'condition' ? 3 : 8}"/>`);
    out.push('<text>');
    v.lines.forEach((l, i) => {
      const sub = n.kind === 'handler' && (l === 'otherwise' || l.includes('(ignored:'));
      out.push(
        `<tspan${sub ? ' class="sub"' : ''} x="${padding + 2}" y="${padding + i * lineHeight + fontSize}">${xmlText(l)}</tspan>`,
      );
    });
    out.push('</text>');
    if (v.hidden)
      out.push(
        `<text class="badge" x="${b.width - padding}" y="${padding + fontSize}" text-anchor="end">+${v.hidden}</text>`,
      );
    out.push('</g>');
  }
  out.push('</g></svg>');
  return out.join('\n') + '\n';
}
