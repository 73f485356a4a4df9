// HTTPS ports of the proxy end to end on loopback: the certificate chosen by SNI across the listeners of one
// port, HTTP/1.1 and h2 by ALPN, misdirected requests (421) and hosts no listener takes (404), the https
// scheme in X-Forwarded-Proto and redirects, and certificates swapped for new connections only.
import assert from 'node:assert/strict';
import { connect as http2Connect } from 'node:http2';
import pino from 'pino';
import { sendHttpsRequest } from '../../../harness/traffic/send-https-request.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { type BackendIR, IR_SCHEMA_VERSION, type PortListenerIR, type RouteRuleIR, type TlsServerNameIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.81';
const ECHO_A_HOST = '127.0.0.82';
const ECHO_B_HOST = '127.0.0.83';
const ns = 'infra';

function rule(id: string, backend: BackendIR, filters: RouteRuleIR['filters'] = [], prefix = '/'): RouteRuleIR {
  return { id, match: { path: { type: 'PathPrefix', value: prefix }, headers: [], queryParams: [] }, filters, backends: [backend] };
}

function serverName(hostname: string, listener: string, pairs: KeyPair[]): TlsServerNameIR {
  return { hostname, listener, certificates: pairs.map((pair, i) => ({ name: `${ns}/${listener}-${i}`, certificateChain: pair.certificate, privateKey: pair.privateKey })) };
}

describe('reference proxy: HTTPS listeners (integration)', function () {
  this.timeout(20_000);
  let ca: KeyPair;
  let certs: Record<'any' | 'wild' | 'exact' | 'exact2' | 'multiA' | 'multiB' | 'only', KeyPair>;
  let echoA: EchoServer;
  let echoB: EchoServer;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let port: number;
  let portWithoutCatchAll: number;
  let version = 0;

  const backend = (name: string, echo: EchoServer, host: string): BackendIR => ({ kind: 'service', name, weight: 1, protocol: 'http', filters: [], endpoints: [{ address: host, port: echo.port }] });

  function listeners(exact: KeyPair): PortListenerIR[] {
    const a = backend(`${ns}/a:8080`, echoA, ECHO_A_HOST);
    const b = backend(`${ns}/b:8080`, echoB, ECHO_B_HOST);
    return [
      {
        port,
        protocol: 'HTTPS',
        tls: {
          serverNames: [
            serverName('*', 'any', [certs.any]),
            serverName('*.example.com', 'wild', [certs.wild]),
            serverName('exact.example.com', 'exact', [exact]),
            serverName('*.multi.test', 'multi', [certs.multiA, certs.multiB]),
          ],
        },
        virtualHosts: [
          { hostname: '*', rules: [rule('any', a)] },
          { hostname: '*.example.com', rules: [rule('wild', b)] },
          { hostname: 'exact.example.com', rules: [rule('redirect', a, [{ type: 'RequestRedirect', path: { type: 'ReplaceFullPath', value: '/moved' }, statusCode: 302 }], '/redirect'), rule('exact', a)] },
          { hostname: '*.multi.test', rules: [rule('multi', a)] },
        ],
      },
      {
        port: portWithoutCatchAll,
        protocol: 'HTTPS',
        tls: { serverNames: [serverName('only.example.com', 'only', [certs.only])] },
        virtualHosts: [{ hostname: 'only.example.com', rules: [rule('only', a)] }],
      },
    ];
  }

  async function publish(exact: KeyPair): Promise<void> {
    version += 1;
    config.publish({ version, ir: { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: ns, name: 'gw' }, listeners: listeners(exact) } });
    await proxy.whenVersionApplied(version, 5000);
  }

  const get = (options: { sni?: string; host: string; path?: string; alpn?: string[]; on?: number }) =>
    sendHttpsRequest({ host: PROXY_HOST, port: options.on ?? port }, { host: options.host, path: options.path ?? '/', ca: ca.certificate, serverName: options.sni ?? options.host, alpn: options.alpn ?? ['http/1.1'] });

  before(async () => {
    ca = await makeTestCa('proxy-test-ca');
    const [any, wild, exact, exact2, multiA, multiB, only] = await Promise.all(
      [['default.test'], ['*.example.com'], ['exact.example.com'], ['exact.example.com'], ['a.multi.test'], ['b.multi.test'], ['only.example.com']].map((dnsNames) => signTestCertificate(ca, { usage: 'server', dnsNames })),
    );
    certs = { any, wild, exact, exact2, multiA, multiB, only } as typeof certs;
    const context = { namespace: ns, ingress: '', service: '' };
    echoA = await startEchoServer({ host: ECHO_A_HOST, port: 0, context: { ...context, pod: 'pod-a' } });
    echoB = await startEchoServer({ host: ECHO_B_HOST, port: 0, context: { ...context, pod: 'pod-b' } });
    port = await freePort(PROXY_HOST);
    portWithoutCatchAll = await freePort(PROXY_HOST);
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    proxy = await startProxy({ gateway: { namespace: ns, name: 'gw' }, configServer: config.address, host: PROXY_HOST, adminPort: 0, logger: pino({ level: 'silent' }), drainTimeoutMs: 2000 });
    await publish(certs.exact);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([echoA?.close(), echoB?.close(), config?.close()]);
  });

  it('serves the certificate of the most specific listener for the SNI, and of the * listener otherwise or without SNI', async () => {
    const servedFor = async (sni: string | undefined, host: string) => (await get({ sni: sni ?? '', host })).tls.certificate.altNames;
    assert.equal(await servedFor('exact.example.com', 'exact.example.com'), 'DNS:exact.example.com');
    assert.equal(await servedFor('a.example.com', 'a.example.com'), 'DNS:*.example.com');
    assert.equal(await servedFor('default.test', 'default.test'), 'DNS:default.test');
    // Unverified: a client sending no SNI cannot name what it expects.
    const noSni = await sendHttpsRequest({ host: PROXY_HOST, port }, { host: 'default.test', path: '/', serverName: '' });
    assert.equal(noSni.tls.certificate.altNames, 'DNS:default.test');
    assert.equal(noSni.status, 200);
  });

  it('picks, among several certificates of a listener, the first whose names cover the SNI (else the first)', async () => {
    assert.equal((await get({ host: 'b.multi.test' })).tls.certificate.altNames, 'DNS:b.multi.test');
    assert.equal((await get({ host: 'a.multi.test' })).tls.certificate.altNames, 'DNS:a.multi.test');
    const other = await sendHttpsRequest({ host: PROXY_HOST, port }, { host: 'c.multi.test', path: '/' });
    assert.equal(other.tls.certificate.altNames, 'DNS:a.multi.test');
  });

  it('refuses a handshake for a name no listener of the port takes, and one without SNI there', async () => {
    await assert.rejects(get({ on: portWithoutCatchAll, host: 'other.example.com' }), /TLS handshake .* failed/);
    await assert.rejects(sendHttpsRequest({ host: PROXY_HOST, port: portWithoutCatchAll }, { host: 'only.example.com', path: '/', serverName: '' }), /TLS handshake .* failed/);
    assert.equal((await get({ on: portWithoutCatchAll, host: 'only.example.com' })).status, 200);
  });

  it('speaks h2 to a client offering it and HTTP/1.1 to one that does not, telling the backend the scheme was https', async () => {
    for (const [alpn, negotiated] of [
      [['h2', 'http/1.1'], 'h2'],
      [['http/1.1'], 'http/1.1'],
    ] as const) {
      const answer = await get({ host: 'exact.example.com', path: '/echo', alpn: [...alpn] });
      assert.equal(answer.tls.alpn, negotiated);
      assert.equal(answer.status, 200);
      assert.equal(answer.echo?.pod, 'pod-a');
      assert.equal(answer.echo?.host, 'exact.example.com');
      assert.deepEqual(answer.echo?.headers['X-Forwarded-Proto'], ['https']);
    }
  });

  it('answers 421 when the Host belongs to another listener than the SNI, 404 when to none, over HTTP/1.1 and h2', async () => {
    for (const alpn of [['http/1.1'], ['h2']]) {
      const status = async (sni: string, host: string, on = port) => (await get({ sni, host, alpn, on })).status;
      assert.equal(await status('a.example.com', 'exact.example.com'), 421, 'a more specific listener takes the Host');
      assert.equal(await status('exact.example.com', 'a.example.com'), 421, 'the SNI listener does not take the Host, another does');
      assert.equal(await status('exact.example.com', 'other.test'), 421, 'the * listener takes the Host');
      assert.equal(await status('default.test', 'other.test'), 200, 'Host and SNI both fall to *');
      assert.equal(await status('b.example.com', 'a.example.com:443'), 200, 'one wildcard listener takes both');
      assert.equal(await status('only.example.com', 'nothing.test', portWithoutCatchAll), 404, 'no listener takes the Host');
    }
  });

  it('keeps the https scheme and the listener port in a redirect without a scheme', async () => {
    const answer = await get({ host: 'exact.example.com', path: '/redirect' });
    assert.equal(answer.status, 302);
    assert.deepEqual(answer.headers.location, [`https://exact.example.com:${port}/moved`]);
  });

  it('gives new connections the certificates of a new IR while an open connection keeps serving', async () => {
    const session = http2Connect(`https://exact.example.com:${port}`, { host: PROXY_HOST, servername: 'exact.example.com', ca: ca.certificate, lookup: (_name, _options, done) => done(null, PROXY_HOST, 4) });
    const request = () =>
      new Promise<number>((resolve, reject) => {
        const stream = session.request({ ':path': '/', ':authority': 'exact.example.com' });
        stream.on('response', (headers) => resolve(Number(headers[':status'])));
        stream.on('error', reject);
        stream.resume();
      });
    try {
      assert.equal(await request(), 200);
      const before = (await get({ host: 'exact.example.com' })).tls.certificate.fingerprint256;
      await publish(certs.exact2);
      const after = (await get({ host: 'exact.example.com' })).tls.certificate.fingerprint256;
      assert.notEqual(after, before, 'a new connection gets the new certificate');
      assert.equal(await request(), 200, 'the open connection goes on serving');
      assert.equal((session.socket as { getPeerCertificate?: () => { fingerprint256: string } }).getPeerCertificate?.().fingerprint256, before);
    } finally {
      session.close();
      await publish(certs.exact);
    }
  });
});
