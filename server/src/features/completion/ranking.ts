/** How well a completion label matches what is typed, and the sort keys built from it. */

/** Case-insensitive match; 0 = prefix, 1 = a name segment starts with it, 2 = scattered letters, -1 = no match. */
export function matchQuality(label: string, typed: string): number {
  if (!typed) return 0;
  const l = label.toLowerCase();
  const t = typed.toLowerCase();
  if (l.startsWith(t)) return 0;
  if (l.split(/[._-]/).some((seg, i) => i > 0 && seg.startsWith(t))) return 1;
  // Scattered letters, the first one at the start of the name or of a segment (as editors match).
  const starts = [0, ...[...l].flatMap((ch, i) => (/[._-]/.test(ch) ? [i + 1] : []))];
  for (const s0 of starts) {
    if (l[s0] !== t[0]) continue;
    let k = 1;
    for (let i = s0 + 1; i < l.length && k < t.length; i++) if (l[i] === t[k]) k++;
    if (k === t.length) return 2;
  }
  return -1;
}

/** Sort key: bucket first (lower shows first), then match quality, then the label. */
export function sortText(bucket: number, quality: number, label: string): string {
  return `${bucket}${quality}${label}`;
}
