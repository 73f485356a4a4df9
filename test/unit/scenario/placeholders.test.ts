import assert from 'node:assert/strict';
import { GATEWAY_CLASS_PLACEHOLDER, GATEWAY_CONTROLLER_PLACEHOLDER, substitutePlaceholders } from '../../../harness/scenario/placeholders.ts';
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

  it('replaces the controller name placeholder when the run knows the name', () => {
    const { value, unknown, unavailable } = substitutePlaceholders({ spec: { controllerName: GATEWAY_CONTROLLER_PLACEHOLDER } }, { gatewayClassName: 'c', gatewayControllerName: 'example.com/ctl' });
    assert.deepEqual(value, { spec: { controllerName: 'example.com/ctl' } });
    assert.deepEqual([unknown, unavailable], [[], []]);
  });

  it('names a known placeholder the run has no value for, apart from unknown ones', () => {
    const input = { a: GATEWAY_CONTROLLER_PLACEHOLDER, b: GATEWAY_CLASS_PLACEHOLDER, c: placeholder('NOPE') };
    const { value, unknown, unavailable } = substitutePlaceholders(input, { gatewayClassName: 'theirs' });
    assert.deepEqual(value, { a: GATEWAY_CONTROLLER_PLACEHOLDER, b: 'theirs', c: placeholder('NOPE') });
    assert.deepEqual(unavailable, ['GATEWAY_CONTROLLER_NAME']);
    assert.deepEqual(unknown, ['NOPE']);
  });
});
