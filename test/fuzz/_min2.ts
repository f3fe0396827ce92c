import { readFileSync } from 'node:fs';
import { parse } from '../../server/src/parser';
import { reparse } from '../../server/src/parser/incremental';
const ser = (f: any) => JSON.stringify({ s: f.statements, p: f.problems.map((p: any) => [p.code, p.start, p.end]) });
const M = 'server.http-parseopt-host-strict';
const bad = (t: string) => { const i = t.indexOf(M); if (i < 0) return false; const e = t.slice(0, i) + 'x' + t.slice(i); try { return ser(reparse({ text: t, file: parse(t) }, e)) !== ser(parse(e)); } catch { return false; } };
let t = readFileSync(process.argv[2], 'utf8');
console.log(bad(t));
for (let chunk = t.length >> 1; chunk >= 1; chunk >>= 1)
  for (let at = 0; at < t.length;) { const c = t.slice(0, at) + t.slice(at + chunk); if (bad(c)) t = c; else at += chunk; }
console.log(JSON.stringify(t));
