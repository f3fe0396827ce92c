/**
 * A layered left-to-right tree layout for the routing map: one column per depth (as wide as its widest
 * box), each subtree in its own horizontal band, a parent centred on its children. Linear in the number of
 * boxes, no crossing edges (the map is a tree). Sizes assume a monospace font of `fontSize` px. Pure.
 */
import type { ViewNode } from './view';

export interface LayoutOptions {
  readonly fontSize?: number;
}

export interface Box {
  readonly view: ViewNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Edge {
  readonly from: Box;
  readonly to: Box;
}

export interface Layout {
  readonly boxes: readonly Box[];
  readonly edges: readonly Edge[];
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly padding: number;
}

export const MARGIN = 16;
const COLUMN_GAP = 48;
const ROW_GAP = 10;

export function layoutTree(root: ViewNode, options: LayoutOptions = {}): Layout {
  const fontSize = options.fontSize ?? 12;
  const charWidth = fontSize * 0.62;
  const lineHeight = Math.round(fontSize * 1.35);
  const padding = 6;
  const size = (v: ViewNode) => {
    const chars = Math.max(4, ...v.lines.map((l) => [...l].length)) + (v.hidden ? 5 : 0);
    return {
      width: Math.ceil(chars * charWidth + 2 * padding + 4),
      height: v.lines.length * lineHeight + 2 * padding,
    };
  };
  // Column widths.
  const widths: number[] = [];
  const sizes = new Map<ViewNode, { width: number; height: number }>();
  const measure = (v: ViewNode, d: number) => {
    const s = size(v);
    sizes.set(v, s);
    widths[d] = Math.max(widths[d] ?? 0, s.width);
    v.children.forEach((c) => measure(c, d + 1));
  };
  measure(root, 0);
  const xs: number[] = [];
  let acc = MARGIN;
  for (const w of widths) {
    xs.push(acc);
    acc += w + COLUMN_GAP;
  }
  const boxes: Box[] = [];
  const edges: Edge[] = [];
  // Band height of each subtree (iterative post-order would be safer for depth, but nesting is capped at 100).
  const band = new Map<ViewNode, number>();
  const measureBand = (v: ViewNode): number => {
    const own = sizes.get(v)!.height;
    let kids = 0;
    v.children.forEach((c, i) => (kids += measureBand(c) + (i ? ROW_GAP : 0)));
    const b = Math.max(own, kids);
    band.set(v, b);
    return b;
  };
  measureBand(root);
  const place = (v: ViewNode, d: number, top: number): Box => {
    const s = sizes.get(v)!;
    const b = band.get(v)!;
    let kidsHeight = 0;
    v.children.forEach((c, i) => (kidsHeight += band.get(c)! + (i ? ROW_GAP : 0)));
    let y = top + (b - kidsHeight) / 2;
    const slot = boxes.length;
    boxes.push(undefined as unknown as Box); // (parents first in document order: keyboard order)
    const placed: Box[] = [];
    for (const c of v.children) {
      placed.push(place(c, d + 1, y));
      y += band.get(c)! + ROW_GAP;
    }
    const cy = placed.length
      ? (placed[0].y + placed[0].height / 2 + placed[placed.length - 1].y + placed[placed.length - 1].height / 2) / 2
      : top + b / 2;
    const box: Box = { view: v, x: xs[d], y: Math.round(cy - s.height / 2), width: widths[d], height: s.height };
    boxes[slot] = box;
    for (const p of placed) edges.push({ from: box, to: p });
    return box;
  };
  place(root, 0, MARGIN);
  return {
    boxes,
    edges,
    width: Math.ceil(acc - COLUMN_GAP + MARGIN),
    height: Math.ceil(band.get(root)! + 2 * MARGIN),
    fontSize,
    lineHeight,
    padding,
  };
}
