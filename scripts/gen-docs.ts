// Rewrites the generated parts of the docs: docs/startup.md's table of each rule's effect (scripts/effects-table.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEffectsTable } from './effects-table';

const file = join(__dirname, '..', 'docs', 'startup.md');
writeFileSync(file, applyEffectsTable(readFileSync(file, 'utf8')));
console.log('docs/startup.md effects table regenerated');
