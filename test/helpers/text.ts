/** Small helpers for tests that assert codes and ranges. */
import { parse, type ConfigFile } from '../../server/src/parser';

/** `[code, "covered text"]` pairs of a parse's problems, in order. */
export function problemsOf(text: string, file: ConfigFile = parse(text)): [string, string][] {
  return file.problems.map((p) => [p.code, text.slice(p.start, p.end)]);
}

export function codesOf(text: string): string[] {
  return parse(text).problems.map((p) => p.code);
}
