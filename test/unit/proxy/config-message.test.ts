import assert from 'node:assert/strict';
import { IR_SCHEMA_VERSION } from '../../../reference-impl/ir/gateway-ir.ts';
import { LineTooLongError, NdjsonLineSplitter } from '../../../reference-impl/proxy/config/ndjson-lines.ts';
import { InvalidConfigMessageError, parseConfigMessage } from '../../../reference-impl/proxy/config/validate-ir.ts';
import { listener, rule, vhost } from './ir-builders.ts';

const goodIR = { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'ns', name: 'gw' }, listeners: [listener([vhost('*', [rule('r')])])] };

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
    const error = refusal(JSON.stringify({ version: 1, ir: { ...goodIR, schemaVersion: IR_SCHEMA_VERSION + 1 } }));
    assert.equal(error.code, 'PROXY_IR_SCHEMA_VERSION');
    assert.match(error.message, new RegExp(`schemaVersion ${IR_SCHEMA_VERSION + 1}`));
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

  it('accepts an HTTPS port with its TLS server names, and refuses TLS shapes that cannot be served', () => {
    const certificates = [{ name: 'ns/cert', certificateChain: '-----BEGIN CERTIFICATE-----', privateKey: '-----BEGIN PRIVATE KEY-----' }];
    const https = { ...listener([]), protocol: 'HTTPS', tls: { serverNames: [{ hostname: '*', listener: 'https', certificates }] } };
    const withPort = (port: unknown) => JSON.stringify({ version: 1, ir: { ...goodIR, listeners: [port] } });
    assert.deepEqual(parseConfigMessage(withPort(https)).ir?.listeners[0], https);
    assert.ok(refusal(withPort({ ...https, protocol: 'SCTP' })).message.includes('ir.listeners[0].protocol must be one of HTTP, HTTPS, TLS, TCP'));
    assert.match(refusal(withPort({ ...https, protocol: 'TLS' })).message, /tlsListeners must be a list of at least one TLS listener/);
    assert.match(refusal(withPort({ ...https, tls: undefined })).message, /tls must be \{serverNames/);
    assert.match(refusal(withPort({ ...https, protocol: 'HTTP' })).message, /tls must be absent on an HTTP port/);
    const noKey = { ...https, tls: { serverNames: [{ hostname: '*', listener: 'https', certificates: [{ ...certificates[0], privateKey: '' }] }] } };
    assert.match(refusal(withPort(noKey)).message, /serverNames\[0\]\.certificates\[0\] must be \{name, certificateChain, privateKey\}/);
  });

  it('accepts every filter kind, timeouts, retry, a failure and backend protocols', () => {
    const ir = structuredClone(goodIR) as unknown as { listeners: { virtualHosts: { rules: Record<string, unknown>[] }[] }[] };
    const mirrorBackend = { kind: 'service', name: 'ns/m:80', weight: 1, protocol: 'http', filters: [], endpoints: [{ address: '127.0.0.1', port: 9 }] };
    const rule = ir.listeners[0]?.virtualHosts[0]?.rules[0];
    assert.ok(rule);
    Object.assign(rule, {
      filters: [
        { type: 'RequestHeaderModifier', set: [{ name: 'a', value: '1' }], add: [], remove: ['b'] },
        { type: 'ResponseHeaderModifier', set: [], add: [{ name: 'c', value: '2' }], remove: [] },
        { type: 'URLRewrite', hostname: 'x.example', path: { type: 'ReplacePrefixMatch', prefix: '/p', value: '/q' } },
        { type: 'RequestMirror', backend: mirrorBackend, fraction: { numerator: 1, denominator: 2 } },
        { type: 'CORS', allowOrigins: ['*'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 5 },
      ],
      timeouts: { requestMs: 500, backendRequestMs: 0 },
      retry: { codes: [500, 503], attempts: 3, backoffMs: 100 },
      failure: { reason: 'unsupported' },
      backends: [{ ...mirrorBackend, protocol: 'h2c', filters: [{ type: 'RequestRedirect', scheme: 'https', port: 8443, statusCode: 301 }] }],
    });
    assert.doesNotThrow(() => parseConfigMessage(JSON.stringify({ version: 1, ir })));
  });

  it('refuses malformed filters, retry and timeouts, naming each field', () => {
    const ir = structuredClone(goodIR) as unknown as { listeners: { virtualHosts: { rules: Record<string, unknown>[] }[] }[] };
    const rule = ir.listeners[0]?.virtualHosts[0]?.rules[0];
    assert.ok(rule);
    Object.assign(rule, {
      filters: [{ type: 'RequestRedirect', statusCode: 304 }, { type: 'ExtensionRef' }],
      retry: { codes: [500], attempts: 0, backoffMs: 0 },
    });
    const error = refusal(JSON.stringify({ version: 1, ir }));
    assert.equal(error.code, 'PROXY_IR_INVALID');
    const where = 'ir.listeners[0].virtualHosts[0].rules[0]';
    assert.ok(error.message.includes(`${where}.filters[0] (RequestRedirect).statusCode must be one of 301, 302, 303, 307, 308`), error.message);
    assert.ok(error.message.includes(`${where}.filters[1] (ExtensionRef).type "ExtensionRef" is not a filter this proxy knows`), error.message);
    assert.ok(error.message.includes(`${where}.retry must be {codes: HTTP status codes, attempts >= 1, backoffMs >= 0}`), error.message);
  });

  it('refuses a backend without protocol or filters and a mirror with a bad fraction', () => {
    const ir = structuredClone(goodIR) as unknown as { listeners: { virtualHosts: { rules: Record<string, unknown>[] }[] }[] };
    const rule = ir.listeners[0]?.virtualHosts[0]?.rules[0];
    assert.ok(rule);
    const backend = { kind: 'service', name: 'ns/m:80', weight: 1, endpoints: [] };
    Object.assign(rule, { backends: [backend], filters: [{ type: 'RequestMirror', backend: { ...backend, protocol: 'http', filters: [] }, fraction: { numerator: 1, denominator: 0 } }] });
    const message = refusal(JSON.stringify({ version: 1, ir })).message;
    const where = 'ir.listeners[0].virtualHosts[0].rules[0]';
    assert.ok(message.includes(`${where}.backends[0].protocol must be one of http, h2c, h2, websocket`), message);
    assert.ok(message.includes(`${where}.backends[0].filters must be a list`), message);
    assert.ok(message.includes(`${where}.filters[0] (RequestMirror).fraction must be {numerator >= 0, denominator >= 1}`), message);
  });

  it('refuses a backend speaking h2 (HTTP/2 over TLS) without tls, and h2c with it', () => {
    const ir = structuredClone(goodIR) as unknown as { listeners: { virtualHosts: { rules: Record<string, unknown>[] }[] }[] };
    const rule = ir.listeners[0]?.virtualHosts[0]?.rules[0];
    assert.ok(rule);
    const backend = { kind: 'service', name: 'ns/g:443', weight: 1, filters: [], endpoints: [] };
    Object.assign(rule, { backends: [{ ...backend, protocol: 'h2' }, { ...backend, protocol: 'h2c', tls: { serverName: 'g.example.com' } }] });
    const message = refusal(JSON.stringify({ version: 1, ir })).message;
    const where = 'ir.listeners[0].virtualHosts[0].rules[0]';
    assert.ok(message.includes(`${where}.backends[0]: protocol h2 (HTTP/2 over TLS) needs tls`), message);
    assert.ok(message.includes(`${where}.backends[1].tls cannot go with protocol h2c`), message);
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
  it('accepts TCP ports and UDP listeners with stream routes, and refuses shapes that cannot be served', () => {
    const backends = [{ kind: 'service', name: 'ns/s:3000', weight: 1, endpoints: [{ address: '127.0.0.2', port: 3000 }] }];
    const tcp = { port: 9000, protocol: 'TCP', virtualHosts: [], tcp: { listener: 'tcp', route: { route: 'ns/r', backends } } };
    const udp = { port: 9000, listener: 'udp', route: { route: 'ns/u', backends } };
    const message = (ir: Record<string, unknown>) => JSON.stringify({ version: 1, ir: { ...goodIR, ...ir } });
    assert.deepEqual(parseConfigMessage(message({ listeners: [tcp], udpListeners: [udp, { port: 5300, listener: 'empty' }] })).ir?.udpListeners?.length, 2);
    assert.match(refusal(message({ listeners: [{ ...tcp, tcp: undefined }] })).message, /ir\.listeners\[0\]\.tcp must be \{listener, route\?\}/);
    assert.match(refusal(message({ listeners: [{ ...tcp, tlsListeners: [] }] })).message, /TCP port must carry tcp only/);
    assert.match(refusal(message({ listeners: [{ ...listener([]), tcp: tcp.tcp }] })).message, /tcp must be absent on a HTTP port/);
    assert.match(refusal(message({ udpListeners: [udp, udp] })).message, /ir\.udpListeners\[1\]\.port 9000 appears twice/);
    assert.match(refusal(message({ udpListeners: [{ ...udp, route: { route: 'ns/u', backends: [{ kind: 'service', name: 'x', weight: 1 }] } }] })).message, /udpListeners\[0\]\.route\.backends\[0\]\.endpoints/);
  });
});
