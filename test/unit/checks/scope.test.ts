import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found, severities } from '../../helpers/diagnostics';

const CODES = ['server-scope-in-condition', 'socket-scope', 'conditional-in-global'];

describe('server-scope-in-condition', () => {
  test('a server-wide key inside a condition is a warning on the key', () => {
    const text = '$HTTP["host"] == "a" {\n  server.max-connections = 10\n}\n';
    assert.deepEqual(found(text, CODES), [['server-scope-in-condition', 'server.max-connections']]);
    assert.deepEqual(severities(text, 'server-scope-in-condition'), ['warning']);
  });
  test('global scope, global { } inside a condition, and connection keys are fine', () => {
    assert.deepEqual(
      found(
        'server.max-connections = 10\n$HTTP["host"] == "a" {\n  global { server.max-fds = 100 }\n  server.document-root = "/a"\n}\n',
        CODES,
      ),
      [],
    );
  });
});

describe('socket-scope', () => {
  test('socket keys are fine at global scope and directly in $SERVER["socket"] ==', () => {
    assert.deepEqual(
      found('ssl.engine = "disable"\n$SERVER["socket"] == ":443" {\n  ssl.engine = "enable"\n}\n', CODES),
      [],
    );
  });
  test('elsewhere they are ignored by lighttpd', () => {
    assert.deepEqual(found('$HTTP["host"] == "a" {\n  ssl.engine = "enable"\n}\n', CODES), [
      ['socket-scope', 'ssl.engine'],
    ]);
    assert.deepEqual(found('$SERVER["socket"] != ":443" {\n  ssl.engine = "enable"\n}\n', CODES), [
      ['socket-scope', 'ssl.engine'],
    ]);
  });
});

describe('conditional-in-global', () => {
  test('a condition or a nested global inside global { } is an error', () => {
    assert.deepEqual(found('global {\n  $HTTP["host"] == "a" { server.name = "a" }\n}\n', CODES), [
      ['conditional-in-global', '$HTTP["host"] == "a"'],
    ]);
    assert.deepEqual(found('global {\n  global { server.name = "a" }\n}\n', CODES), [
      ['conditional-in-global', 'global '],
    ]);
  });
  test('global { } with assignments only is fine', () => {
    assert.deepEqual(found('$HTTP["host"] == "a" {\n  global { server.name = "a" }\n}\n', CODES), []);
  });
});
