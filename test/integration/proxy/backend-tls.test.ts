// TLS from the proxy to backends under a BackendTLSPolicy, end to end on loopback against the echo's HTTPS port:
// the policy's hostname as SNI and as the name verified, its CA as trust (the system CAs do not know a private
// one), subjectAltNames (DNS and URI) verified instead of the hostname, the Gateway's client certificate
// presented, the plain and the filtered request paths alike, and one pod reached under two policies at once
// without their connections mixing.
import assert from 'node:assert/strict';
import pino from 'pino';
import { sendRequest } from '../../../harness/traffic/send-request.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type BackendTlsIR, IR_SCHEMA_VERSION, type RouteRuleIR, type ServiceBackendIR, type TlsCertificateIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.95';
const ECHO_HOST = '127.0.0.96';
const ns = 'infra';
const SPIFFE_ID = 'spiffe://abc.example.com/test-identity';

describe('reference proxy: TLS to backends (integration)', function () {
  this.timeout(20_000);
  let backendCa: KeyPair;
  let otherCa: KeyPair;
  let clientCa: KeyPair;
  let gatewayClient: KeyPair;
  let echo: EchoServer;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let port: number;
  let version = 0;

  const tlsTo = (overrides: Partial<BackendTlsIR> = {}): BackendTlsIR => ({ serverName: 'abc.example.com', caCertificates: backendCa.certificate, ...overrides });

  function backend(name: string, tls: BackendTlsIR | undefined): ServiceBackendIR {
    const endpoint = { address: ECHO_HOST, port: echo.httpsPort ?? 0 };
    return { kind: 'service', name: `${ns}/${name}:443`, weight: 1, protocol: 'http', filters: [], endpoints: [endpoint], ...(tls ? { tls } : {}) };
  }

  function rule(path: string, target: ServiceBackendIR, filters: RouteRuleIR['filters'] = []): RouteRuleIR {
    return { id: path, match: { path: { type: 'Exact', value: path }, headers: [], queryParams: [] }, filters, backends: [target] };
  }

  async function publish(backendClientCertificate: TlsCertificateIR | undefined): Promise<void> {
    version += 1;
    const tagged = [{ type: 'RequestHeaderModifier' as const, set: [{ name: 'x-filtered', value: 'yes' }], add: [], remove: [] }];
    const rules = [
      rule('/verified', backend('verified', tlsTo())),
      rule('/filtered', backend('filtered', tlsTo()), tagged),
      rule('/host-mismatch', backend('host-mismatch', tlsTo({ serverName: 'mismatch.example.com' }))),
      rule('/other-ca', backend('other-ca', tlsTo({ caCertificates: otherCa.certificate }))),
      rule('/system-ca', backend('system-ca', tlsTo({ caCertificates: undefined }))),
      rule('/san-dns', backend('san-dns', tlsTo({ serverName: 'not-in-the-certificate.example.com', subjectAltNames: [{ type: 'Hostname', value: 'abc.example.com' }] }))),
      rule('/san-dns-mismatch', backend('san-dns-mismatch', tlsTo({ subjectAltNames: [{ type: 'Hostname', value: 'dce.example.com' }] }))),
      rule('/san-uri', backend('san-uri', tlsTo({ subjectAltNames: [{ type: 'URI', value: SPIFFE_ID }] }))),
      rule('/san-uri-mismatch', backend('san-uri-mismatch', tlsTo({ subjectAltNames: [{ type: 'URI', value: 'spiffe://def.example.com/test-identity' }] }))),
    ];
    const listeners = [{ port, protocol: 'HTTP' as const, virtualHosts: [{ hostname: '*', rules }] }];
    config.publish({ version, ir: { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: ns, name: 'gw' }, listeners, ...(backendClientCertificate ? { backendClientCertificate } : {}) } });
    await proxy.whenVersionApplied(version, 5000);
  }

  const get = (path: string) => sendRequest({ host: PROXY_HOST, port }, { host: 'client-facing.example.org', path }, { timeoutMs: 5000 });
  const tlsOfEcho = (body: string) => (JSON.parse(body) as { tls?: { serverName: string; peerCertificates?: string[] } }).tls;

  before(async () => {
    [backendCa, otherCa, clientCa] = await Promise.all([makeTestCa('backend-ca'), makeTestCa('unrelated-ca'), makeTestCa('gateway-client-ca')]);
    const serving = await signTestCertificate(backendCa, { usage: 'server', dnsNames: ['abc.example.com', 'other.example.com'], uris: [SPIFFE_ID] });
    gatewayClient = await signTestCertificate(clientCa, { usage: 'client', commonName: 'gateway' });
    const tls = { cert: Buffer.from(serving.certificate), key: Buffer.from(serving.privateKey), clientCa: Buffer.from(clientCa.certificate) };
    echo = await startEchoServer({ host: ECHO_HOST, port: 0, https: { port: 0, tls }, context: { namespace: ns, ingress: '', service: 'tls-backend', pod: 'tls-backend-pod' } });
    port = await freePort(PROXY_HOST);
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    proxy = await startProxy({ gateway: { namespace: ns, name: 'gw' }, configServer: config.address, host: PROXY_HOST, adminPort: 0, logger: pino({ level: 'silent' }), drainTimeoutMs: 2000 });
    await publish(undefined);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([echo?.close(), config?.close()]);
  });

  it('sends the policy hostname as SNI and verifies the backend against the policy CA, on the plain and the filtered path', async () => {
    for (const path of ['/verified', '/filtered']) {
      const answer = await get(path);
      assert.equal(answer.status, 200, `${path}: ${answer.body}`);
      assert.equal(answer.echo?.host, 'client-facing.example.org', 'the Host stays the client’s');
      assert.equal(tlsOfEcho(answer.body)?.serverName, 'abc.example.com');
      assert.equal(tlsOfEcho(answer.body)?.peerCertificates, undefined, 'no client certificate without one on the Gateway');
    }
    assert.deepEqual((await get('/filtered')).echo?.headers['X-Filtered'], ['yes']);
  });

  it('answers 502 when the certificate does not carry the hostname, another CA signed it, or only system CAs are trusted', async () => {
    for (const path of ['/host-mismatch', '/other-ca', '/system-ca']) {
      const answer = await get(path);
      assert.equal(answer.status, 502, path);
      assert.match(answer.body, /upstream TLS handshake failed/, path);
    }
  });

  it('verifies subjectAltNames instead of the hostname when the policy lists them, DNS and URI alike', async () => {
    assert.equal((await get('/san-dns')).status, 200);
    assert.equal((await get('/san-uri')).status, 200);
    assert.equal((await get('/san-dns-mismatch')).status, 502);
    assert.equal((await get('/san-uri-mismatch')).status, 502);
  });

  it('keeps one pod reached under two policies apart: the verified backend still answers after the mismatched one failed', async () => {
    for (let round = 0; round < 3; round += 1) {
      assert.equal((await get('/verified')).status, 200);
      assert.equal((await get('/host-mismatch')).status, 502);
    }
  });

  it('presents the Gateway’s client certificate to TLS backends once the IR carries one', async () => {
    try {
      await publish({ name: `${ns}/gateway-client`, certificateChain: gatewayClient.certificate, privateKey: gatewayClient.privateKey });
      const answer = await get('/verified');
      assert.equal(answer.status, 200);
      const presented = tlsOfEcho(answer.body)?.peerCertificates ?? [];
      assert.equal(presented[0]?.trim(), gatewayClient.certificate.trim());
    } finally {
      await publish(undefined);
    }
  });
});
