/**
 * The routing map (issue 29): graph.ts builds it from an evaluation, view.ts decides what is drawn,
 * layout.ts places it, svg.ts / text.ts draw it, schema.ts describes its JSON, highlight.ts finds a simulated
 * request's path in it. Everything here is pure: the CLI (cli/map.ts), the server (routingMapRequests.ts)
 * and the tests use the same functions.
 */
import type { RoutingMap } from './graph';
import { renderSvg } from './svg';
import { renderDot, renderMermaid } from './text';
import { viewOf, type ViewOptions } from './view';

export * from './graph';
export { routeSteps, stepText, handlerSignature } from './handlers';
export { viewOf, viewNodes, type ViewNode, type ViewOptions } from './view';
export { layoutTree } from './layout';
export { renderSvg, SVG_STYLE } from './svg';
export { renderDot, renderMermaid } from './text';
export { ROUTING_MAP_SCHEMA } from './schema';
export { pathOfSimulation, findNode, type MapPath } from './highlight';

export type MapFormat = 'mermaid' | 'dot' | 'svg' | 'json';
export const MAP_FORMATS: readonly MapFormat[] = ['mermaid', 'dot', 'svg', 'json'];

/** The map in one of the four formats (JSON: the whole map; the view options apply to the drawings). */
export function renderMap(
  map: RoutingMap,
  format: MapFormat,
  options: ViewOptions & { readonly highlight?: ReadonlySet<string> } = {},
): string {
  if (format === 'json') return JSON.stringify(map, null, 2) + '\n';
  const view = viewOf(map, options);
  if (format === 'svg') return renderSvg(view, { highlight: options.highlight });
  if (format === 'dot') return renderDot(view, options.highlight);
  return renderMermaid(view, options.highlight);
}
export { requestFor, sampleOfRegex, type RequestHere } from './requestFor';
