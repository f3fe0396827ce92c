import { readFileSync } from 'node:fs';
import { parse } from '../../server/src/parser';
import { reparse } from '../../server/src/parser/incremental';
const text = readFileSync(process.argv[2], 'utf8');
const ser = (f: any) => JSON.stringify({ s: f.statements, p: f.problems.map((p: any) => [p.code, p.start, p.end]) });
const edits = ['x', '"', '{', '}', '(', ')', '\n', ' = ', '#', ',', 'else ', '\nserver.port = 81\n'];
let found = 0;
for (let i = 0; i <= text.length && found < 5; i++) for (const e of [...edits, '']) {
  const edited = e === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + e + text.slice(i);
  const inc = reparse({ text, file: parse(text) }, edited);
  if (ser(inc) !== ser(parse(edited))) { console.log('at', i, JSON.stringify(e), JSON.stringify(text.slice(Math.max(0,i-30), i+30))); found++; break; }
}
console.log('found', found);
