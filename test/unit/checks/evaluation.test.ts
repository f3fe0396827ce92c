import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { found } from '../../helpers/diagnostics';

const CODES = ['duplicate-key', 'duplicate-array-key', 'undefined-variable', 'env-assignment', 'type-merge'];

describe('duplicate-key', () => {
  test('= twice in the same block (also in a second block with the same condition text)', () => {
    assert.deepEqual(found('server.port = 80\nserver.port = 81\n', CODES), [['duplicate-key', 'server.port']]);
    assert.deepEqual(found('$HTTP["host"] == "a" { x = 1 }\n$HTTP["host"] == "a" { x = 2 }\n', CODES), [
      ['duplicate-key', 'x'],
    ]);
  });
  test('an else-if branch shares the block of its own condition; a bare else that of the negated condition just before it', () => {
    const chain = '$HTTP["host"] == "a" { x = 1 }\nelse $HTTP["url"] == "/b" { x = 2 }\nelse { x = 3 }\n';
    assert.deepEqual(found(chain + '$HTTP["url"] == "/b" { x = 4 }\n', CODES), [['duplicate-key', 'x']]);
    assert.deepEqual(found(chain + '$HTTP["url"] != "/b" { x = 4 }\n', CODES), [['duplicate-key', 'x']]);
    // (not the whole chain: the bare else is not the block of `$HTTP["host"] != "a"`)
    assert.deepEqual(found(chain + '$HTTP["host"] != "a" { x = 4 }\n', CODES), []);
  });
  test(':= replaces, += extends, and shadowing an outer block is fine', () => {
    assert.deepEqual(
      found(
        'server.port = 80\nserver.port := 81\nx = ( "a" )\nx += ( "b" )\n$HTTP["host"] == "a" { server.name = "a" }\nserver.name = "b"\n',
        CODES,
      ),
      [],
    );
  });
});

describe('duplicate-array-key', () => {
  test('the same key twice in one list, or with a different value when merging', () => {
    assert.deepEqual(found('x = ( "a" => 1, "a" => 2 )\n', CODES), [['duplicate-array-key', '"a"']]);
    assert.deepEqual(
      found('x = ( "a" => 1 )\nx += ( "a" => 2 )\n', CODES).map(([c]) => c),
      ['duplicate-array-key'],
    );
  });
  test('an identical pair repeated by a merge is accepted (1.4.60+)', () => {
    assert.deepEqual(found('x = ( "a" => 1 )\nx += ( "a" => 1 )\n', CODES), []);
  });
});

describe('undefined-variable', () => {
  test('used before it is set', () => {
    assert.deepEqual(found('a = b + "x"\nb = "y"\n', CODES), [['undefined-variable', 'b']]);
  });
  test('var.CWD, var.PID, env.* and anything after an include are not reported', () => {
    assert.deepEqual(found('a = var.CWD + "/x"\nb = var.PID\nc = env.HOME\ninclude "other.conf"\nd = e\n', CODES), []);
  });
});

describe('env-assignment', () => {
  test('env.* cannot be set', () => {
    assert.deepEqual(found('env.HOME = "/tmp"\n', CODES), [['env-assignment', 'env.HOME']]);
    assert.deepEqual(found('x = env.HOME\n', CODES), []);
  });
});

describe('type-merge', () => {
  test('+ of a list and a string', () => {
    assert.deepEqual(
      found('x = ( "a" ) + "b"\n', CODES).map(([c]) => c),
      ['type-merge'],
    );
    assert.deepEqual(
      found('x = ( "a" )\nx += "b"\n', CODES).map(([c]) => c),
      ['type-merge'],
    );
  });
  test('string + integer concatenates, integer + integer adds', () => {
    assert.deepEqual(found('x = "a" + 1\ny = 1 + 2\nz = ( 1 ) + ( 2 )\n', CODES), []);
  });
});
