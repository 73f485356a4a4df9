// Config stream messages carrying TLS listeners: a TLS port and an HTTPS port with TLS listeners are accepted;
// shapes the proxy cannot serve (certificates missing in Terminate mode or given in Passthrough mode, a TLS
// port without listeners or with HTTPS server names, a malformed stream backend) are refused, naming the field.
import assert from 'node:assert/strict';
import { IR_SCHEMA_VERSION, type PortListenerIR, type TlsListenerIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { InvalidConfigMessageError, parseConfigMessage } from '../../../reference-impl/proxy/config/validate-ir.ts';

const certificate = { name: 'ns/cert', certificateChain: 'PEM', privateKey: 'PEM' };
const passthrough: TlsListenerIR = {
  hostname: '*.example.com',
  listener: 'pass',
  mode: 'Passthrough',
  routes: [{ hostname: 'a.example.com', route: 'ns/r', backends: [{ kind: 'service', name: 'ns/s:443', weight: 1, endpoints: [{ address: '127.0.0.1', port: 8443 }] }] }],
};
const terminate: TlsListenerIR = { hostname: 'tls.example.com', listener: 'term', mode: 'Terminate', certificates: [certificate], routes: [] };

function message(listener: unknown): string {
  return JSON.stringify({ version: 1, ir: { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'ns', name: 'gw' }, listeners: [listener] } });
}

function problem(listener: unknown): string {
  try {
    parseConfigMessage(message(listener));
  } catch (error) {
    if (error instanceof InvalidConfigMessageError) return error.message;
    throw error;
  }
  return assert.fail('accepted');
}

describe('config stream messages: TLS listeners', () => {
  it('accepts a TLS port and an HTTPS port sharing its SNI space with TLS listeners', () => {
    const tlsPort: PortListenerIR = { port: 443, protocol: 'TLS', virtualHosts: [], tlsListeners: [passthrough, terminate] };
    assert.deepEqual(parseConfigMessage(message(tlsPort)).ir?.listeners[0], tlsPort);
    const mixed: PortListenerIR = { port: 443, protocol: 'HTTPS', tls: { serverNames: [{ hostname: 'web.example.org', listener: 'web', certificates: [certificate] }] }, virtualHosts: [], tlsListeners: [passthrough] };
    assert.deepEqual(parseConfigMessage(message(mixed)).ir?.listeners[0], mixed);
  });

  it('refuses TLS listener shapes the proxy cannot serve, naming the field', () => {
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [] }), /tlsListeners must be a list of at least one TLS listener/);
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [], tlsListeners: [{ ...terminate, certificates: [] }] }), /tlsListeners\[0\]\.certificates must be at least one/);
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [], tlsListeners: [{ ...passthrough, certificates: [certificate] }] }), /certificates must be absent in Passthrough mode/);
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [], tlsListeners: [{ ...passthrough, mode: 'Both' }] }), /mode must be Passthrough or Terminate/);
    const badBackend = { ...passthrough, routes: [{ hostname: 'a.example.com', route: 'ns/r', backends: [{ kind: 'invalid', name: 'x', weight: 1 }] }] };
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [], tlsListeners: [badBackend] }), /routes\[0\]\.backends\[0\] must be kind service .* or invalid \(with a reason\)/);
    assert.match(problem({ port: 443, protocol: 'TLS', virtualHosts: [], tls: { serverNames: [] }, tlsListeners: [passthrough] }), /tls must be absent on a TLS port/);
    assert.match(problem({ port: 80, protocol: 'HTTP', virtualHosts: [], tlsListeners: [passthrough] }), /tlsListeners must be absent on an HTTP port/);
  });
});
