import assert from 'node:assert/strict';
import { GATEWAY_CLASS_PLACEHOLDER, substitutePlaceholders } from '../../../harness/scenario/placeholders.ts';
import { placeholder } from './scenario-fixtures.ts';

describe('substitutePlaceholders', () => {
  it('replaces the gateway class placeholder anywhere in strings, deeply, without touching the input', () => {
    const input = { spec: { gatewayClassName: GATEWAY_CLASS_PLACEHOLDER, notes: [`class=${GATEWAY_CLASS_PLACEHOLDER}`, 3, true, null] } };
    const { value, unknown } = substitutePlaceholders(input, { gatewayClassName: 'theirs' });
    assert.deepEqual(value, { spec: { gatewayClassName: 'theirs', notes: ['class=theirs', 3, true, null] } });
    assert.deepEqual(unknown, []);
    assert.equal(input.spec.gatewayClassName, placeholder('GATEWAY_CLASS_NAME'));
  });

  it('leaves unknown placeholders in place and names them', () => {
    const { value, unknown } = substitutePlaceholders({ a: placeholder('GATEWAY_CLASS'), b: placeholder('X') + placeholder('X') }, { gatewayClassName: 'c' });
    assert.deepEqual(value, { a: placeholder('GATEWAY_CLASS'), b: placeholder('X') + placeholder('X') });
    assert.deepEqual(unknown.sort(), ['GATEWAY_CLASS', 'X']);
  });
});
