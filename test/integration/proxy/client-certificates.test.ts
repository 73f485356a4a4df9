// Client certificate validation on the proxy's HTTPS ports, end to end on loopback: AllowValidOnly serves only
// clients whose certificate chains to the port's CAs (whichever listener's certificate SNI picks), refusing
// those with none, with one of another CA, or with one of an impostor CA of the same name (whose signature
// check fails); AllowInsecureFallback serves them all; a port without validation asks for nothing; and a new
// IR's validation applies to the next connection.
import assert from 'node:assert/strict';
import pino from 'pino';
import { type HttpsProbeRequest, sendHttpsRequest } from '../../../harness/traffic/send-https-request.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type ClientValidationIR, IR_SCHEMA_VERSION, type PortListenerIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.91';
const ECHO_HOST = '127.0.0.92';
const ns = 'infra';

describe('reference proxy: client certificate validation (integration)', function () {
  this.timeout(20_000);
  let serverCa: KeyPair;
  let server: { any: KeyPair; named: KeyPair };
  let clientCa: KeyPair;
  let client: { valid: KeyPair; otherCa: KeyPair; impostor: KeyPair };
  let echo: EchoServer;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let ports: { validOnly: number; fallback: number; none: number };
  let version = 0;

  function port(number: number, clientValidation: ClientValidationIR | undefined): PortListenerIR {
    const backend = { kind: 'service' as const, name: `${ns}/echo:8080`, weight: 1, protocol: 'http' as const, filters: [], endpoints: [{ address: ECHO_HOST, port: echo.port }] };
    const rule = { id: `rule-${number}`, match: { path: { type: 'PathPrefix' as const, value: '/' }, headers: [], queryParams: [] }, filters: [], backends: [backend] };
    const serverNames = [
      { hostname: '*', listener: 'any', certificates: [{ name: `${ns}/any`, certificateChain: server.any.certificate, privateKey: server.any.privateKey }] },
      { hostname: 'named.example.com', listener: 'named', certificates: [{ name: `${ns}/named`, certificateChain: server.named.certificate, privateKey: server.named.privateKey }] },
    ];
    return {
      port: number,
      protocol: 'HTTPS',
      tls: { serverNames, ...(clientValidation ? { clientValidation } : {}) },
      virtualHosts: [
        { hostname: '*', rules: [rule] },
        { hostname: 'named.example.com', rules: [rule] },
      ],
    };
  }

  async function publish(validOnlyMode: ClientValidationIR['mode'] | undefined): Promise<void> {
    version += 1;
    const validation = (mode: ClientValidationIR['mode']) => ({ mode, caCertificates: clientCa.certificate });
    const listeners = [
      port(ports.validOnly, validOnlyMode === undefined ? undefined : validation(validOnlyMode)),
      port(ports.fallback, validation('AllowInsecureFallback')),
      port(ports.none, undefined),
    ];
    config.publish({ version, ir: { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: ns, name: 'gw' }, listeners } });
    await proxy.whenVersionApplied(version, 5000);
  }

  const get = (on: number, host: string, presented: KeyPair | undefined, extra: Partial<HttpsProbeRequest> = {}) =>
    sendHttpsRequest(
      { host: PROXY_HOST, port: on },
      { host, path: '/', ca: serverCa.certificate, ...(presented ? { clientCertificate: presented } : {}), ...extra },
      { timeoutMs: 3000 },
    );

  before(async () => {
    serverCa = await makeTestCa('server-ca');
    clientCa = await makeTestCa('client-ca');
    const otherCa = await makeTestCa('other-client-ca');
    // Same subject as the real client CA: OpenSSL finds it by name and the signature check fails.
    const impostorCa = await makeTestCa('client-ca');
    server = {
      any: await signTestCertificate(serverCa, { usage: 'server', dnsNames: ['any.example.com'] }),
      named: await signTestCertificate(serverCa, { usage: 'server', dnsNames: ['named.example.com'] }),
    };
    client = {
      valid: await signTestCertificate(clientCa, { usage: 'client', commonName: 'good-client' }),
      otherCa: await signTestCertificate(otherCa, { usage: 'client', commonName: 'stranger' }),
      impostor: await signTestCertificate(impostorCa, { usage: 'client', commonName: 'impostor' }),
    };
    echo = await startEchoServer({ host: ECHO_HOST, port: 0, context: { namespace: ns, ingress: '', service: '', pod: 'echo-pod' } });
    ports = { validOnly: await freePort(PROXY_HOST), fallback: await freePort(PROXY_HOST), none: await freePort(PROXY_HOST) };
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    proxy = await startProxy({ gateway: { namespace: ns, name: 'gw' }, configServer: config.address, host: PROXY_HOST, adminPort: 0, logger: pino({ level: 'silent' }), drainTimeoutMs: 2000 });
    await publish('AllowValidOnly');
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([echo?.close(), config?.close()]);
  });

  it('AllowValidOnly serves a client whose certificate chains to the port CAs, under the * certificate and a named listener alike', async () => {
    for (const host of ['any.example.com', 'named.example.com']) {
      for (const alpn of [['http/1.1'], ['h2']]) {
        const answer = await get(ports.validOnly, host, client.valid, { alpn });
        assert.equal(answer.status, 200, `${host} over ${alpn[0]}`);
        assert.equal(answer.echo?.pod, 'echo-pod');
      }
    }
  });

  it('AllowValidOnly refuses a client without a certificate, and one whose certificate another CA signed, before any request', async () => {
    for (const host of ['any.example.com', 'named.example.com']) {
      await assert.rejects(get(ports.validOnly, host, undefined), /socket hang up|ECONNRESET|certificate|alert|closed/i, `${host} without a certificate`);
      await assert.rejects(get(ports.validOnly, host, client.otherCa), /socket hang up|ECONNRESET|certificate|alert|closed/i, `${host} with another CA's certificate`);
      await assert.rejects(get(ports.validOnly, host, client.impostor), /socket hang up|ECONNRESET|certificate|alert|closed/i, `${host} with an impostor CA's certificate`);
    }
  });

  it('AllowInsecureFallback serves clients with a valid certificate, another CA’s, an impostor CA’s, or none, over HTTP/1.1 and h2', async () => {
    for (const alpn of [['http/1.1'], ['h2']]) {
      for (const presented of [client.valid, client.otherCa, client.impostor, undefined]) assert.equal((await get(ports.fallback, 'named.example.com', presented, { alpn })).status, 200);
    }
  });

  it('a port without client validation serves a client presenting nothing', async () => {
    assert.equal((await get(ports.none, 'any.example.com', undefined)).status, 200);
  });

  it('applies a new IR’s validation to the next connection: dropped, then required again', async () => {
    try {
      await publish(undefined);
      assert.equal((await get(ports.validOnly, 'any.example.com', undefined)).status, 200, 'no validation any more');
      await publish('AllowValidOnly');
      await assert.rejects(get(ports.validOnly, 'any.example.com', undefined), /socket hang up|ECONNRESET|certificate|alert|closed/i, 'validation is back');
    } finally {
      await publish('AllowValidOnly');
    }
  });
});
