/**
 * The editor's routing map (analysis/routing) of the configuration a document belongs to: the SVG to draw
 * (no embedded style: the webview styles it with the theme; boxes focusable), each drawn box's place in the
 * drawn tree and where it is written (a URI and a 0-based line, for "reveal"), and, given a request line,
 * the path a simulation of it takes. Also a request that reaches a box ("simulate a request here"). Pure:
 * file texts come through `files`.
 */
import type { DocumentModel } from '../../analysis';
import {
  buildRoutingMap,
  pathOfSimulation,
  renderSvg,
  requestFor,
  viewOf,
  type RouteNode,
  type RoutingMap,
} from '../../analysis/routing';
import { lineIndex } from '../../analysis/simulate/format';
import { parseRequestLine, simulate } from '../../analysis/simulate/simulate';
import { splitRequest, type FileAccess } from '../simulate/simulate';

export interface RoutingMapParams {
  readonly uri: string;
  /** Drawn ids whose subtrees are hidden. */
  readonly collapsed?: readonly string[];
  /** Drawn ids shown open although the map's size folded them (see AUTO_DEPTH). */
  readonly expanded?: readonly string[];
  /** Group sibling blocks that end in the same handler. */
  readonly group?: boolean;
  /** A request line (as "Simulate Request…" takes it) whose path is highlighted. */
  readonly request?: string;
}

export interface MapNodeInfo {
  readonly kind: RouteNode['kind'];
  readonly parent?: string;
  readonly children: readonly string[];
  /** Where the node is written: the file's URI and its 0-based line. */
  readonly uri?: string;
  readonly line?: number;
  /** Everything searchable about the box (its text and title). */
  readonly text: string;
  /** Hidden nodes below it (collapsed). */
  readonly hidden: number;
  /** The underlying map node's id (a group's first member). */
  readonly node: string;
}

export type RoutingMapResult =
  | {
      readonly svg: string;
      readonly nodes: Readonly<Record<string, MapNodeInfo>>;
      /** Drawn ids on the simulated request's path. */
      readonly path: readonly string[];
      readonly request?: string;
      readonly stats: RoutingMap['stats'];
      /** The main config the map is of. */
      readonly root: string;
    }
  | { readonly error: string };

/**
 * A large map opens folded, so that it can be read (and drawn quickly): above 1,500 boxes only the blocks of
 * the first level show, above 300 two levels; a box opens with a double click, Space or the right arrow.
 */
const AUTO_DEPTH: readonly (readonly [number, number])[] = [
  [1500, 1],
  [300, 2],
];

function evaluationOf(model: DocumentModel) {
  return model.full ?? model.evaluation;
}

/** The map of each evaluation (a model version), per target version: folding, grouping and highlighting reuse it. */
const maps = new WeakMap<object, Map<string, RoutingMap>>();

function mapOf(model: DocumentModel, files: FileAccess, version: string): RoutingMap {
  const ev = evaluationOf(model);
  let byVersion = maps.get(ev);
  if (!byVersion) maps.set(ev, (byVersion = new Map()));
  let map = byVersion.get(version);
  if (!map) byVersion.set(version, (map = buildMap(model, files, version)));
  return map;
}

function buildMap(model: DocumentModel, files: FileAccess, version: string): RoutingMap {
  const lines = new Map<string, ((o: number) => number) | undefined>();
  const lineOf = (file: string, offset: number) => {
    if (!lines.has(file)) {
      const t = files.readText(file);
      lines.set(file, t === undefined ? undefined : lineIndex(t));
    }
    return lines.get(file)?.(offset);
  };
  return buildRoutingMap(evaluationOf(model), { version, file: model.root ?? model.path ?? '', lineOf });
}

export function routingMapOf(
  model: DocumentModel,
  params: RoutingMapParams,
  files: FileAccess,
  version: string,
): RoutingMapResult {
  const map = mapOf(model, files, version);
  let path: string[] = [];
  if (params.request?.trim()) {
    const split = splitRequest(params.request);
    const spec = parseRequestLine(split.line, {
      remoteIp: split.remoteIp,
      headers: split.headers,
      serverSocket: split.socket,
    });
    if ('error' in spec) return { error: spec.error };
    path = [...pathOfSimulation(map, simulate(evaluationOf(model), spec, { version })).nodes];
  }
  const size = map.stats.blocks + map.stats.handlers;
  const depth = AUTO_DEPTH.find(([above]) => size > above)?.[1];
  const view = viewOf(map, {
    collapsed: new Set(params.collapsed ?? []),
    expanded: new Set(params.expanded ?? []),
    depth,
    group: params.group,
  });
  const onPath = new Set(path);
  const nodes: Record<string, MapNodeInfo> = {};
  const drawnPath: string[] = [];
  const uriOf = (file: string) => (file === '' || file === model.path ? params.uri : files.uriOf(file));
  const visit = (v: ReturnType<typeof viewOf>, parent?: string) => {
    const n = v.node;
    nodes[v.id] = {
      kind: n.kind,
      ...(parent ? { parent } : {}),
      children: v.children.map((c) => c.id),
      ...(n.file !== undefined ? { uri: uriOf(n.file) } : {}),
      ...(n.line !== undefined ? { line: n.line - 1 } : {}),
      text: `${v.lines.join('\n')}\n${v.title}`,
      hidden: v.hidden,
      node: n.id,
    };
    if (onPath.has(n.id) || v.members?.some((m) => onPath.has(m.id))) drawnPath.push(v.id);
    for (const c of v.children) visit(c, v.id);
  };
  visit(view);
  return {
    svg: renderSvg(view, { style: false, interactive: true, highlight: new Set(drawnPath) }),
    nodes,
    path: drawnPath,
    ...(params.request ? { request: params.request } : {}),
    stats: map.stats,
    root: model.root ?? model.path ?? '',
  };
}

/** A request that reaches a drawn node (a group: its first member). */
export function requestHere(
  model: DocumentModel,
  nodeId: string,
  files: FileAccess,
  version: string,
): { request: string; reached: boolean } | { error: string } {
  const map = mapOf(model, files, version);
  const id = nodeId.replace(/^g/, '');
  return requestFor(evaluationOf(model), map, id, version) ?? { error: `No node ${nodeId} in the map.` };
}
