/**
 * IP address syntax without node:net (the language service runs in a browser too). The same answers as
 * Node's net.isIPv4 / net.isIPv6 for addresses without a zone (`%eth0`), which the checks refuse anyway
 * (test/unit/ipAddress.test.ts compares them on generated strings).
 */

/** Four decimal numbers 0-255 without leading zeros, separated by dots. */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every(isOctet);
}

function isOctet(p: string): boolean {
  return /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255;
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Eight groups of 1-4 hex digits separated by colons; one `::` stands for one or more zero groups; the
 * last two groups may be written as an IPv4 address. A zone (`%...`) is not accepted.
 */
export function isIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (HEX_GROUP.test(g)) count += 1;
    else if (i === all.length - 1 && isIPv4(g) && (halves.length === 2 ? tail.length > 0 : true)) count += 2;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}
