/**
 * The script of the routing map's webview (client/src/routingMap.ts makes the page; dist/mapView.js, loaded
 * with the page's nonce). It draws the SVG the language server made and adds what a person needs on a large
 * map: click or Enter reveals a box's line in the editor, the arrow keys move between boxes (left: parent,
 * right: first child, up/down: siblings), Space or a double click collapses/expands a box, "s" simulates a
 * request that reaches the box, the wheel zooms (Ctrl) or scrolls, dragging pans, + and - zoom, 0 fits the map
 * in the view, 1 shows it at its own size from its top left corner, the search box marks
 * matching boxes (Enter: the next one). No network, no eval: everything it shows comes in messages.
 */

interface NodeInfo {
  kind: string;
  parent?: string;
  children: string[];
  line?: number;
  text: string;
  hidden: number;
}
interface RenderMessage {
  type: 'render';
  svg: string;
  nodes: Record<string, NodeInfo>;
  path: string[];
  request?: string;
  stats: { blocks: number; handlers: number; inexact: number };
  group: boolean;
  focus?: string;
  error?: string;
}

declare function acquireVsCodeApi(): {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
};

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const canvas = $<HTMLDivElement>('canvas');
const stage = $<HTMLDivElement>('stage');
const search = $<HTMLInputElement>('search');
const status = $<HTMLSpanElement>('status');
const group = $<HTMLInputElement>('group');

let nodes: Record<string, NodeInfo> = {};
let zoom = 1;
let panX = 0;
let panY = 0;
let matches: string[] = [];
let matchAt = -1;

function apply(): void {
  stage.style.transform = `translate(${panX}px, ${panY}px) scale(${zoom})`;
  vscode.setState({ zoom, panX, panY });
}

function box(id: string): SVGGElement | null {
  return stage.querySelector(`g.node[data-id="${CSS.escape(id)}"]`);
}

function focusBox(id: string | undefined): void {
  if (!id) return;
  const el = box(id);
  if (!el) return;
  el.focus({ preventScroll: true });
  // Bring it into view: the box's place on the canvas, after zoom and pan.
  const r = el.getBoundingClientRect();
  const c = canvas.getBoundingClientRect();
  if (r.left < c.left || r.right > c.right) panX += c.left + c.width / 2 - (r.left + r.width / 2);
  if (r.top < c.top || r.bottom > c.bottom) panY += c.top + c.height / 2 - (r.top + r.height / 2);
  apply();
}

function render(m: RenderMessage): void {
  const focused = (document.activeElement as Element | null)?.getAttribute?.('data-id') ?? undefined;
  nodes = m.nodes;
  group.checked = m.group;
  if (m.error) {
    status.textContent = m.error;
    return;
  }
  stage.innerHTML = m.svg;
  const s = m.stats;
  status.textContent =
    `${s.blocks} block${s.blocks === 1 ? '' : 's'}, ${s.handlers} handler${s.handlers === 1 ? '' : 's'}` +
    (s.inexact ? `, ${s.inexact} not decided exactly (dashed)` : '') +
    (m.request ? ` — highlighted: ${m.request}` : '');
  for (const el of stage.querySelectorAll<SVGGElement>('g.node')) {
    const id = el.dataset.id!;
    if (nodes[id]?.children.length || nodes[id]?.hidden)
      el.setAttribute('aria-expanded', nodes[id].hidden ? 'false' : 'true');
  }
  const svg = stage.querySelector('svg');
  svg?.setAttribute('role', 'tree');
  svg?.setAttribute('aria-label', 'lighttpd routing map');
  runSearch(false);
  apply();
  if (m.focus ?? focused) focusBox(m.focus ?? focused);
}

function runSearch(move: boolean): void {
  const q = search.value.trim().toLowerCase();
  matches = q ? Object.keys(nodes).filter((id) => nodes[id].text.toLowerCase().includes(q)) : [];
  for (const el of stage.querySelectorAll<SVGGElement>('g.node')) {
    const hit = matches.includes(el.dataset.id!);
    el.classList.toggle('match', hit);
    el.classList.toggle('dim', !!q && !hit);
  }
  if (q) status.dataset.matches = String(matches.length);
  if (move && matches.length) {
    matchAt = (matchAt + 1) % matches.length;
    focusBox(matches[matchAt]);
  }
}

function targetBox(e: Event): string | undefined {
  const g = (e.target as Element | null)?.closest?.('g.node');
  return (g as SVGGElement | null)?.dataset.id;
}

stage.addEventListener('click', (e) => {
  const id = targetBox(e);
  if (id) vscode.postMessage({ type: 'reveal', id });
});
stage.addEventListener('dblclick', (e) => {
  const id = targetBox(e);
  if (id && (nodes[id]?.children.length || nodes[id]?.hidden)) vscode.postMessage({ type: 'toggle', id });
});
stage.addEventListener('contextmenu', (e) => {
  const id = targetBox(e);
  if (id) {
    e.preventDefault();
    vscode.postMessage({ type: 'simulate', id });
  }
});

document.addEventListener('keydown', (e) => {
  if (e.target === search) {
    if (e.key === 'Enter') runSearch(true);
    else if (e.key === 'Escape') {
      search.value = '';
      runSearch(false);
    }
    return;
  }
  const id = (document.activeElement as SVGGElement | null)?.dataset?.id;
  const n = id ? nodes[id] : undefined;
  const siblings = n?.parent ? nodes[n.parent].children : [];
  const step = (d: number) => siblings[Math.max(0, Math.min(siblings.length - 1, siblings.indexOf(id!) + d))];
  switch (e.key) {
    case 'Enter':
      if (id) vscode.postMessage({ type: 'reveal', id });
      break;
    case ' ':
      if (id && (n?.children.length || n?.hidden)) vscode.postMessage({ type: 'toggle', id });
      break;
    case 's':
      if (id) vscode.postMessage({ type: 'simulate', id });
      break;
    case 'ArrowLeft':
      focusBox(n?.parent);
      break;
    case 'ArrowRight':
      if (n?.hidden) vscode.postMessage({ type: 'toggle', id });
      else focusBox(n?.children[0]);
      break;
    case 'ArrowUp':
      focusBox(step(-1));
      break;
    case 'ArrowDown':
      focusBox(step(1));
      break;
    case 'Home':
      focusBox(Object.keys(nodes)[0]);
      break;
    case '+':
    case '=':
      zoom = Math.min(4, zoom * 1.2);
      apply();
      break;
    case '-':
      zoom = Math.max(0.1, zoom / 1.2);
      apply();
      break;
    case '0':
      fit();
      break;
    case '1':
      actualSize();
      break;
    case '/':
      search.focus();
      break;
    default:
      return;
  }
  e.preventDefault();
});

canvas.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) {
      const r = canvas.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const k = Math.exp(-e.deltaY * 0.002);
      const z = Math.max(0.1, Math.min(4, zoom * k));
      panX = x - ((x - panX) * z) / zoom;
      panY = y - ((y - panY) * z) / zoom;
      zoom = z;
    } else {
      panX -= e.deltaX;
      panY -= e.deltaY;
    }
    apply();
  },
  { passive: false },
);

let drag: { x: number; y: number; px: number; py: number } | undefined;
canvas.addEventListener('pointerdown', (e) => {
  if (targetBox(e)) return;
  drag = { x: e.clientX, y: e.clientY, px: panX, py: panY };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag) return;
  panX = drag.px + e.clientX - drag.x;
  panY = drag.py + e.clientY - drag.y;
  apply();
});
canvas.addEventListener('pointerup', () => (drag = undefined));

/** Zoom 1, the map's top left corner at the canvas's. */
function actualSize(): void {
  zoom = 1;
  panX = 0;
  panY = 0;
  apply();
}

function fit(): void {
  const svg = stage.querySelector('svg');
  if (!svg) return;
  const w = Number(svg.getAttribute('width'));
  const h = Number(svg.getAttribute('height'));
  const c = canvas.getBoundingClientRect();
  zoom = Math.max(0.1, Math.min(1.5, c.width / w, c.height / h));
  panX = (c.width - w * zoom) / 2;
  panY = 0;
  apply();
}

$('zoomIn').addEventListener('click', () => {
  zoom = Math.min(4, zoom * 1.2);
  apply();
});
$('zoomOut').addEventListener('click', () => {
  zoom = Math.max(0.1, zoom / 1.2);
  apply();
});
$('fit').addEventListener('click', fit);
search.addEventListener('input', () => {
  matchAt = -1;
  runSearch(false);
});
group.addEventListener('change', () => vscode.postMessage({ type: 'group', value: group.checked }));

const saved = vscode.getState() as { zoom?: number; panX?: number; panY?: number } | undefined;
if (saved?.zoom) ({ zoom, panX = 0, panY = 0 } = saved as { zoom: number; panX: number; panY: number });

window.addEventListener('message', (e: MessageEvent<RenderMessage | { type: 'focus'; id: string }>) => {
  const m = e.data;
  if (m.type === 'render') render(m);
  else if (m.type === 'focus') focusBox(m.id);
});
vscode.postMessage({ type: 'ready' });
export {};
