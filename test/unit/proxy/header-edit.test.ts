import assert from 'node:assert/strict';
import type { HeaderModifierIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { compileHeaderEdit, InvalidHeaderFilterError } from '../../../reference-impl/proxy/filters/header-edit.ts';

function modifier(partial: Partial<HeaderModifierIR>): HeaderModifierIR {
  return { type: 'RequestHeaderModifier', set: [], add: [], remove: [], ...partial };
}

describe('header modifiers', () => {
  const input = ['Host', 'a.example', 'X-Header-Set', 'old-1', 'x-header-set', 'old-2', 'X-Header-Add', 'first', 'X-Header-Remove', 'gone', 'Other', 'kept'];

  it('set replaces every value of a name, add appends one more, remove drops all; names case-insensitive', () => {
    const edit = compileHeaderEdit(
      modifier({ set: [{ name: 'x-HEADER-set', value: 'new' }], add: [{ name: 'x-header-add', value: 'second' }], remove: ['X-HEADER-REMOVE'] }),
      'f',
    );
    assert.deepEqual(edit(input), ['Host', 'a.example', 'X-Header-Add', 'first', 'Other', 'kept', 'x-HEADER-set', 'new', 'x-header-add', 'second']);
    assert.equal(input.length, 12, 'the input list is left alone');
  });

  it('takes the first of several entries with equivalent names', () => {
    const edit = compileHeaderEdit(modifier({ set: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }), 'f');
    assert.deepEqual(edit([]), ['X-A', '1']);
  });

  it('refuses names and values that cannot be sent, and connection-level headers, naming the filter', () => {
    const where = 'rule r filters[1] (ResponseHeaderModifier)';
    assert.throws(() => compileHeaderEdit(modifier({ set: [{ name: 'bad name', value: 'v' }] }), where), (e: unknown) => e instanceof InvalidHeaderFilterError && e.message.startsWith(`${where} set: header name "bad name"`));
    assert.throws(() => compileHeaderEdit(modifier({ add: [{ name: 'x-a', value: 'line\r\nbreak' }] }), where), /value of header x-a contains characters/);
    assert.throws(() => compileHeaderEdit(modifier({ remove: ['Transfer-Encoding'] }), where), /Transfer-Encoding frames the message/);
  });
});
