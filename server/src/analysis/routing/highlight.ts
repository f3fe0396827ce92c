/**
 * A simulated request's path through the routing map: the server node, every block whose condition the
 * request matched (in the simulation's last pass, after rewrites), and the handler of the matched block
 * lighttpd merges last (the highest context number that has a handler node; later blocks override earlier
 * ones). Pure.
 */
import type { Simulation } from '../simulate/simulate';
import { walk, type RouteNode, type RoutingMap } from './graph';

export interface MapPath {
  /** Node ids on the path, server first. */
  readonly nodes: readonly string[];
  /** The handler node the request ends in. */
  readonly handler?: string;
}

export function pathOfSimulation(map: RoutingMap, sim: Simulation): MapPath {
  const matched = new Set(sim.conditions.filter((c) => c.result === true).map((c) => c.index));
  const nodes: string[] = [map.root.id];
  let best: { context: number; handler: RouteNode } | undefined;
  const visit = (n: RouteNode) => {
    const h = n.children.find((c) => c.kind === 'handler');
    if (h && (!best || (n.context ?? 0) >= best.context)) best = { context: n.context ?? 0, handler: h };
    for (const c of n.children)
      if (c.kind !== 'handler' && c.context !== undefined && matched.has(c.context)) {
        nodes.push(c.id);
        visit(c);
      }
  };
  visit(map.root);
  if (best) nodes.push(best.handler.id);
  return { nodes, ...(best ? { handler: best.handler.id } : {}) };
}

/** The node with this id. */
export function findNode(map: RoutingMap, id: string): RouteNode | undefined {
  for (const n of walk(map.root)) if (n.id === id) return n;
  return undefined;
}
