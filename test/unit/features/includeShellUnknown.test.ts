/**
 * An include_shell that the checks did not run (issue 24 point 6): its hover says so and what is therefore
 * unknown (Debian's helpers: mimetype.assign, the IPv6 socket), and Show Effective Configuration says what it
 * leaves out instead of dropping it silently.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { doHover } from '../../../server/src/features/hover/hover';
import { effectiveConfiguration } from '../../../server/src/features/simulate/simulate';
import { withCursor } from '../../helpers/cursor';

const DEBIAN =
  'server.port = 80\n' +
  'include_shell "/usr/share/lighttpd/use-ipv6.pl " + server.port\n' +
  'include_shell "/usr/share/lighttpd/create-mime.conf.pl"\n' +
  'include_shell "/usr/local/bin/make-vhosts"\n';

function hoverAt(marker: string): string {
  const i = DEBIAN.indexOf(marker);
  const f = withCursor(DEBIAN.slice(0, i) + '|' + DEBIAN.slice(i));
  const h = doHover(f.doc, f.model, f.position);
  return (h?.contents as { value: string } | undefined)?.value ?? '';
}

describe('an include_shell that was not run', () => {
  test('its hover says it was not run and what stays unknown', () => {
    const mime = hoverAt('create-mime');
    assert.match(mime, /Not run for this check/);
    assert.match(mime, /mimetype\.assign/);
    const ipv6 = hoverAt('include_shell "/usr/share/lighttpd/use-ipv6');
    assert.match(ipv6, /^\*\*include_shell\*\*/);
    assert.match(ipv6, /Not run for this check[\s\S]*IPv6 listening socket/);
    assert.match(hoverAt('make-vhosts'), /Unknown therefore: whatever it prints/);
  });
  test('the effective configuration says what each one leaves out', () => {
    const f = withCursor(DEBIAN + '|');
    const text = effectiveConfiguration(f.model, '1.4.69');
    assert.match(
      text,
      /^# Not run: include_shell "\/usr\/share\/lighttpd\/create-mime\.conf\.pl"; left out: mimetype\.assign/m,
    );
    assert.match(text, /^# Not run: include_shell "\/usr\/share\/lighttpd\/use-ipv6\.pl"; left out: the IPv6/m);
    assert.match(text, /^# Not run: include_shell "\/usr\/local\/bin\/make-vhosts"; whatever it prints is left out/m);
  });
});
