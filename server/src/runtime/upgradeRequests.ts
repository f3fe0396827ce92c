/**
 * The requests of "lighttpd: Check Upgrade…" (client/src/upgrade.ts):
 *   lighttpd/installedVersion {}                 -> { version?: string; reason?: 'untrusted' | 'no-runner' | 'not-found' }
 *   lighttpd/upgradeReport    { uri, from, to }  -> UpgradeReport (features/upgrade/upgradeReport.ts)
 * The installed release is asked of `lighttpd -v` only in a trusted workspace, and never on the web (no runner).
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { upgradeReport, type ReportFile, type UpgradeReport } from '../features/upgrade/upgradeReport';
import type { LanguageService, LanguageSettings } from '../service';
import type { ServerSettings } from '../settings';
import type { Guard } from './guard';
import type { ServerHost } from './host';

export interface UpgradeRequestDeps {
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  readonly host: ServerHost;
  readonly guard: Guard;
  settings(): ServerSettings;
  languageSettings(): LanguageSettings;
  trusted(): boolean;
}

const RELEASE = /^\d+\.\d+\.\d+$/;

export function registerUpgradeRequests(connection: Connection, deps: UpgradeRequestDeps): void {
  connection.onRequest('lighttpd/installedVersion', async () => {
    if (!deps.host.lighttpdVersion) return { reason: 'no-runner' };
    if (!deps.trusted()) return { reason: 'untrusted' };
    const version = await deps.host.lighttpdVersion(deps.settings().executablePath).catch(() => undefined);
    return version ? { version } : { reason: 'not-found' };
  });
  connection.onRequest('lighttpd/upgradeReport', (p: { uri?: unknown; from?: unknown; to?: unknown }) => {
    const doc = typeof p?.uri === 'string' ? deps.documents.get(p.uri) : undefined;
    const from = typeof p?.from === 'string' && RELEASE.test(p.from) ? p.from : undefined;
    const to = typeof p?.to === 'string' && RELEASE.test(p.to) ? p.to : undefined;
    if (!doc || !from || !to) return null;
    return deps.guard('upgrade report', doc.uri, null as UpgradeReport | null, () => {
      const settings = { ...deps.languageSettings(), upgradeFrom: from, version: to };
      const roots = deps.service.configurationRoots(doc);
      const checked: { root: string; files: ReportFile[] }[] = roots.flatMap((r) => {
        const c = deps.service.validateConfiguration(r, settings);
        return c ? [{ root: c.root, files: [...c.files] }] : [];
      });
      // (a document outside any configuration on disk: its own check)
      if (checked.length === 0)
        checked.push({
          root: doc.uri,
          files: [{ path: doc.uri, uri: doc.uri, diagnostics: deps.service.doValidation(doc, settings) }],
        });
      const main = checked[0]?.root ?? '';
      const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/') + 1) : '';
      return upgradeReport(from, to, checked, (path) => (dir && path.startsWith(dir) ? path.slice(dir.length) : path));
    });
  });
}
