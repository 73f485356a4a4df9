import assert from 'node:assert/strict';
import { LineTooLongError, NdjsonLineSplitter } from '../../../reference-impl/proxy/config/ndjson-lines.ts';
import { InvalidConfigMessageError, parseConfigMessage } from '../../../reference-impl/proxy/config/validate-ir.ts';
import { listener, rule, vhost } from './ir-builders.ts';

const goodIR = { schemaVersion: 2, gateway: { namespace: 'ns', name: 'gw' }, listeners: [listener([vhost('*', [rule('r')])])] };

function refusal(line: string): InvalidConfigMessageError {
  try {
    parseConfigMessage(line);
  } catch (error) {
    if (error instanceof InvalidConfigMessageError) return error;
    throw error;
  }
  assert.fail(`accepted ${line}`);
}

describe('config stream messages', () => {
  it('accepts a well-formed IR and a null IR', () => {
    assert.deepEqual(parseConfigMessage(JSON.stringify({ version: 3, ir: goodIR })), { version: 3, ir: goodIR });
    assert.deepEqual(parseConfigMessage('{"version":4,"ir":null}'), { version: 4, ir: null });
  });

  it('refuses another schemaVersion with its own code', () => {
    const error = refusal(JSON.stringify({ version: 1, ir: { ...goodIR, schemaVersion: 3 } }));
    assert.equal(error.code, 'PROXY_IR_SCHEMA_VERSION');
    assert.match(error.message, /schemaVersion 3/);
  });

  it('refuses a malformed IR and names where it is wrong', () => {
    const broken = structuredClone(goodIR) as unknown as { listeners: { virtualHosts: { rules: { backends: unknown[] }[] }[] }[] };
    const firstRule = broken.listeners[0]?.virtualHosts[0]?.rules[0];
    assert.ok(firstRule);
    firstRule.backends = [{ kind: 'service', name: 'x', weight: 1, endpoints: [{ address: 1 }] }];
    const error = refusal(JSON.stringify({ version: 1, ir: broken }));
    assert.equal(error.code, 'PROXY_IR_INVALID');
    assert.match(error.message, /ir\.listeners\[0\]\.virtualHosts\[0\]\.rules\[0\]\.backends\[0\]\.endpoints\[0\]/);
  });

  it('refuses a message without a version', () => {
    assert.equal(refusal('{"ir":null}').code, 'PROXY_IR_INVALID');
  });

  it('splits NDJSON across chunk boundaries, including a split multi-byte character', () => {
    const splitter = new NdjsonLineSplitter(1000);
    const bytes = Buffer.from('{"a":"é"}\n\n{"b":1}\n{"c"');
    assert.deepEqual(splitter.push(bytes.subarray(0, 8)), []);
    assert.deepEqual(splitter.push(bytes.subarray(8)), ['{"a":"é"}', '{"b":1}']);
    assert.deepEqual(splitter.push(Buffer.from(':2}\n')), ['{"c":2}']);
  });

  it('refuses a line longer than the limit', () => {
    const splitter = new NdjsonLineSplitter(10);
    assert.throws(() => splitter.push(Buffer.from('x'.repeat(11))), LineTooLongError);
  });
});
