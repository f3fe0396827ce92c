/**
 * The parts of package.json's `contributes.configuration` that follow the code: the diagnostic codes of
 * `lighttpd.diagnostics.severity` (from features/diagnostics/rules.ts) and the releases of `lighttpd.version`
 * (from the schema). `npm run gen:settings` writes them; test/unit/settingsSchema.test.ts keeps them in step.
 */
import { RULES } from '../server/src/features/diagnostics/rules';
import { DIRECTIVES, MODULES, NEWEST_VERSION, REMOVED_DIRECTIVES, compareVersions } from '../server/src/schema';

/** The oldest release offered in the version list (the schema knows keys back to 1.4.40 in detail). */
export const OLDEST_LISTED_VERSION = '1.4.40';

/** Syntax that appeared in a release (features/checks/syntaxVersion.ts reports it for older targets). */
const SYNTAX: Readonly<Record<string, string>> = {
  '1.4.42': "bare 'else { }'",
  '1.4.46': "':=' and $REQUEST_HEADER",
  '1.4.65': "'=^' and '=$'",
  '1.4.74': "'if' / 'elif' keywords",
};

/** Releases listed for `lighttpd.version`, newest first. */
export function listedVersions(): string[] {
  const [major, minor, newest] = NEWEST_VERSION.split('.').map(Number);
  const oldest = Number(OLDEST_LISTED_VERSION.split('.')[2]);
  const out: string[] = [];
  for (let p = newest; p >= oldest; p--) out.push(`${major}.${minor}.${p}`);
  return out;
}

function names(list: string[], max = 3): string {
  return list.length > max ? `${list.slice(0, max).join(', ')} and ${list.length - max} more` : list.join(', ');
}

/** What a target release means for the checks: what it added and removed, as the schema records it. */
export function versionDescription(v: string): string {
  const added = [
    ...MODULES.filter((m) => m.since === v).map((m) => m.name),
    ...DIRECTIVES.filter((d) => d.since === v).map((d) => d.key),
  ];
  const removed = [
    ...MODULES.filter((m) => m.removedIn === v).map((m) => m.name),
    ...REMOVED_DIRECTIVES.filter((d) => d.removedIn === v).map((d) => d.key),
  ];
  const parts: string[] = [];
  if (v === NEWEST_VERSION) parts.push('newest release (default)');
  if (SYNTAX[v]) parts.push(`adds ${SYNTAX[v]}`);
  if (added.length) parts.push(`adds ${names(added)}`);
  if (removed.length) parts.push(`removes ${names(removed)}`);
  return `lighttpd ${v}${parts.length ? ': ' + parts.join('; ') : ''}`;
}

/** The generated fragments of the two settings. */
export function generatedSettings(): {
  severityCodes: string[];
  severityCodeDescriptions: string[];
  versions: string[];
  versionDescriptions: string[];
} {
  const rules = [...RULES].sort((a, b) => a.code.localeCompare(b.code));
  const versions = listedVersions();
  if (compareVersions(versions[versions.length - 1], OLDEST_LISTED_VERSION) !== 0) throw new Error('version list');
  return {
    severityCodes: rules.map((r) => r.code),
    severityCodeDescriptions: rules.map((r) => `${r.description} (default: ${r.severity})`),
    versions,
    versionDescriptions: versions.map(versionDescription),
  };
}

interface Property {
  [k: string]: unknown;
}

/** package.json with the generated fragments put in place (the rest untouched). */
export function applyGeneratedSettings(pkg: {
  contributes: { configuration: { properties: Record<string, Property> } };
}) {
  const g = generatedSettings();
  const props = pkg.contributes.configuration.properties;
  const severity = props['lighttpd.diagnostics.severity'];
  severity.propertyNames = { enum: g.severityCodes, enumDescriptions: g.severityCodeDescriptions };
  const version = props['lighttpd.version'];
  delete version.pattern;
  version.enum = g.versions;
  version.enumDescriptions = g.versionDescriptions;
  return pkg;
}
