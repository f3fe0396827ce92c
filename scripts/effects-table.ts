// The table of each rule's effect in docs/startup.md ("What each code says lighttpd does"), generated from
// rules.ts: npm run gen:docs writes it, test/unit/effectsTable.test.ts checks it is current.
import { EFFECT_SEVERITY, EFFECT_TEXT, RULES, type LighttpdEffect } from '../server/src/features/diagnostics/rules';

export const EFFECTS_BEGIN = '<!-- effects table: generated from rules.ts by npm run gen:docs -->';
export const EFFECTS_END = '<!-- end of effects table -->';

/** The order the table lists effects in: from a refusal to start to a note of this checker. */
const ORDER = Object.keys(EFFECT_SEVERITY) as LighttpdEffect[];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** One row per code: its effect in words, its default severity, and why that differs from the effect's. */
export function effectsTable(): string {
  const rows = [...RULES].sort(
    (a, b) => ORDER.indexOf(a.effect) - ORDER.indexOf(b.effect) || a.code.localeCompare(b.code),
  );
  return [
    "| Code | Effect | What lighttpd does | Default severity | Why the severity differs from the effect's |",
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.code}\` | \`${r.effect}\` | ${EFFECT_TEXT[r.effect]} | ${r.severity}${r.optIn ? ' (opt-in)' : ''} | ${r.because ? cell(r.because) : ''} |`,
    ),
  ].join('\n');
}

/** `markdown` with the text between the markers replaced by the current table. */
export function applyEffectsTable(markdown: string): string {
  const begin = markdown.indexOf(EFFECTS_BEGIN);
  const end = markdown.indexOf(EFFECTS_END);
  if (begin < 0 || end < begin) throw new Error('docs/startup.md: the effects table markers are missing');
  return `${markdown.slice(0, begin + EFFECTS_BEGIN.length)}\n${effectsTable()}\n${markdown.slice(end)}`;
}
