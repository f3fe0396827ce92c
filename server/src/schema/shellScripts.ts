/**
 * The include_shell helpers of Debian's lighttpd package, and what their output sets (in our words). We never
 * run an include_shell unless the workspace is trusted and lighttpd.includeShell.execute is on (never on the
 * web): for these two, what stays unknown is known and small; any other command may print anything.
 */
import type { Include } from '../parser/ast';

export interface ShellScript {
  /** The only keys its output sets. */
  readonly keys: readonly string[];
  /** What it prints, for hovers and the effective configuration. */
  readonly prints: string;
}

export const KNOWN_SHELL_SCRIPTS: Readonly<Record<string, ShellScript>> = {
  '/usr/share/lighttpd/create-mime.conf.pl': {
    keys: ['mimetype.assign'],
    prints: 'mimetype.assign: the content type of each file extension, built from /etc/mime.types',
  },
  '/usr/share/lighttpd/use-ipv6.pl': {
    keys: ['server.use-ipv6', 'server.bind', 'server.port'],
    prints:
      'the IPv6 listening socket: a $SERVER["socket"] block for [::] on the port, with server.use-ipv6 (when the machine has IPv6)',
  },
};

/** The program an include_shell runs (the first word of its command's first string), or undefined. */
export function shellCommand(inc: Include): string | undefined {
  const op = inc.operand;
  const first = op?.kind === 'concat' ? op.operands[0] : op;
  return first?.kind === 'string' ? first.value.trim().split(/\s+/)[0] : undefined;
}

/** The known helper an include_shell runs, or undefined. */
export function knownShellScript(inc: Include): ShellScript | undefined {
  return KNOWN_SHELL_SCRIPTS[shellCommand(inc) ?? ''];
}
