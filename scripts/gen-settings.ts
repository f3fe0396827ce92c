// Rewrites the generated parts of package.json's settings (diagnostic codes, lighttpd releases):
// npm run gen:settings. See scripts/settings-schema.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyGeneratedSettings } from './settings-schema';

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
writeFileSync(file, JSON.stringify(applyGeneratedSettings(pkg), null, 2) + '\n');
console.log('package.json settings regenerated');
