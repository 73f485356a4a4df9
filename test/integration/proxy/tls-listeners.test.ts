// TLS listeners of the proxy end to end on loopback, on one port shared with an HTTPS listener: Passthrough
// carries the client's own TLS session to the backend (the backend's certificate, the backend sees the SNI),
// Terminate completes the handshake with the listener's certificate and carries the decrypted bytes, HTTPS
// still terminates HTTP; an SNI no listener or route takes, no SNI at all, a route whose only backend is
// invalid or has no endpoint: the connection is closed before any handshake. Invalid backends keep their
// share of connections.
import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import pino from 'pino';
import { sendHttpsRequest } from '../../../harness/traffic/send-https-request.ts';
import { type EchoServer, startEchoServer } from '../../../reference-impl/echo/echo-server.ts';
import { startTcpEcho, TCP_WELCOME, type TcpEchoServer } from '../../../reference-impl/echo/tcp/tcp-echo-server.ts';
import { IR_SCHEMA_VERSION, type StreamBackendIR, type TlsRouteIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer, type TestConfigServer } from './test-config-server.ts';

const PROXY_HOST = '127.0.0.91';
const STREAM_A_HOST = '127.0.0.92';
const STREAM_B_HOST = '127.0.0.93';
const WEB_HOST = '127.0.0.94';
const ns = 'infra';

interface Session {
  socket: TLSSocket;
  /** The next `length` bytes the server sends, as text. */
  read(length: number): Promise<string>;
}

/** A TLS session through the proxy, the server verified against `ca` for `sni` (unverified without ca). */
function openSession(port: number, sni: string | undefined, ca?: string): Promise<Session> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: PROXY_HOST, port, ...(sni === undefined ? {} : { servername: sni }), ...(ca ? { ca } : { rejectUnauthorized: false }) });
    let buffered = '';
    const waiting: (() => void)[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const wake of waiting.splice(0)) wake();
    });
    socket.once('error', reject);
    socket.once('secureConnect', () =>
      resolve({
        socket,
        async read(length) {
          while (buffered.length < length) await new Promise<void>((wake) => waiting.push(wake));
          const text = buffered.slice(0, length);
          buffered = buffered.slice(length);
          return text;
        },
      }),
    );
  });
}

/** Welcome line, then `TEST`: the TCP echo's account of the connection. */
async function echoAccount(session: Session): Promise<{ pod: string; isTLS: boolean; tls?: { serverName: string } }> {
  assert.equal(await session.read(TCP_WELCOME.length), TCP_WELCOME);
  session.socket.write('TEST\n');
  let line = '';
  while (!line.endsWith('\n')) line += await session.read(1);
  session.socket.destroy();
  return JSON.parse(line);
}

/** How a connection that should be refused ends: the handshake fails with the connection closed or reset. */
async function refusal(port: number, sni: string | undefined): Promise<string> {
  const outcome = await openSession(port, sni).then(
    (session) => {
      session.socket.destroy();
      return 'completed';
    },
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
  return outcome;
}

describe('reference proxy: TLS listeners (integration)', function () {
  this.timeout(20_000);
  let ca: KeyPair;
  let config: TestConfigServer;
  let proxy: RunningProxy;
  let streamA: TcpEchoServer;
  let streamB: TcpEchoServer;
  let web: EchoServer;
  let port: number;
  let version = 0;

  const tlsPort = (echo: TcpEchoServer, host: string, weight = 1): StreamBackendIR => ({ kind: 'service', name: `${ns}/${host}:tls`, weight, endpoints: [{ address: host, port: echo.tlsPort ?? 0 }] });
  const plainPort = (echo: TcpEchoServer, host: string): StreamBackendIR => ({ kind: 'service', name: `${ns}/${host}:plain`, weight: 1, endpoints: [{ address: host, port: echo.port }] });
  const route = (hostname: string, backends: StreamBackendIR[]): TlsRouteIR => ({ hostname, route: `${ns}/${hostname}`, backends });

  async function publish(passthroughRoutes: TlsRouteIR[], terminateCertificate: KeyPair, webCertificate: KeyPair): Promise<void> {
    version += 1;
    const certificate = (name: string, pair: KeyPair) => ({ name, certificateChain: pair.certificate, privateKey: pair.privateKey });
    config.publish({
      version,
      ir: {
        schemaVersion: IR_SCHEMA_VERSION,
        gateway: { namespace: ns, name: 'gw' },
        listeners: [
          {
            port,
            protocol: 'HTTPS',
            tls: { serverNames: [{ hostname: 'web.example.org', listener: 'web', certificates: [certificate('web', webCertificate)] }] },
            virtualHosts: [
              {
                hostname: 'web.example.org',
                rules: [
                  {
                    id: 'web',
                    match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                    filters: [],
                    backends: [{ kind: 'service', name: 'web', weight: 1, protocol: 'http', filters: [], endpoints: [{ address: WEB_HOST, port: web.port }] }],
                  },
                ],
              },
            ],
            tlsListeners: [
              { hostname: '*.example.com', listener: 'passthrough', mode: 'Passthrough', routes: passthroughRoutes },
              {
                hostname: 'tls.example.com',
                listener: 'terminate',
                mode: 'Terminate',
                certificates: [certificate('terminate', terminateCertificate)],
                routes: [route('tls.example.com', [plainPort(streamA, STREAM_A_HOST)])],
              },
            ],
          },
        ],
      },
    });
    await proxy.whenVersionApplied(version, 5000);
  }

  let terminateCertificate: KeyPair;
  let webCertificate: KeyPair;
  let defaultRoutes: () => TlsRouteIR[];

  before(async () => {
    ca = await makeTestCa('tls-listener-test-ca');
    const [backendCertificate, terminate, webPair] = await Promise.all(
      [['abc.example.com', 'other.example.com'], ['tls.example.com'], ['web.example.org']].map((dnsNames) => signTestCertificate(ca, { usage: 'server', dnsNames })),
    );
    terminateCertificate = terminate as KeyPair;
    webCertificate = webPair as KeyPair;
    const backendTls = { cert: Buffer.from((backendCertificate as KeyPair).certificate), key: Buffer.from((backendCertificate as KeyPair).privateKey) };
    const context = { namespace: ns, ingress: '', service: '' };
    streamA = await startTcpEcho({ host: STREAM_A_HOST, port: 0, tlsPort: 0, tls: backendTls, context: { ...context, pod: 'stream-a-1' } });
    streamB = await startTcpEcho({ host: STREAM_B_HOST, port: 0, tlsPort: 0, tls: backendTls, context: { ...context, pod: 'stream-b-1' } });
    web = await startEchoServer({ host: WEB_HOST, port: 0, context: { ...context, pod: 'web-1' } });
    port = await freePort(PROXY_HOST);
    config = await startTestConfigServer('127.0.0.1', ns, 'gw');
    proxy = await startProxy({
      gateway: { namespace: ns, name: 'gw' },
      configServer: config.address,
      host: PROXY_HOST,
      adminPort: 0,
      random: seededRandom(11),
      logger: pino({ level: 'silent' }),
      drainTimeoutMs: 1000,
    });
    defaultRoutes = () => [
      route('abc.example.com', [tlsPort(streamA, STREAM_A_HOST)]),
      route('*.example.com', [tlsPort(streamB, STREAM_B_HOST)]),
      route('invalid.example.com', [{ kind: 'invalid', name: `${ns}/gone:443`, weight: 1, reason: 'BackendNotFound' }]),
      route('empty.example.com', [{ kind: 'service', name: `${ns}/empty:443`, weight: 1, endpoints: [] }]),
    ];
    await publish(defaultRoutes(), terminateCertificate, webCertificate);
  });

  after(async () => {
    await proxy?.close();
    await Promise.all([streamA?.close(), streamB?.close(), web?.close(), config?.close()]);
  });

  it('passes the client TLS session through to the backend of the most specific route: its certificate, its view of the SNI', async () => {
    const exact = await openSession(port, 'abc.example.com', ca.certificate);
    assert.equal(exact.socket.getPeerCertificate().subjectaltname, 'DNS:abc.example.com, DNS:other.example.com');
    const account = await echoAccount(exact);
    assert.equal(account.pod, 'stream-a-1');
    assert.equal(account.isTLS, true);
    assert.equal(account.tls?.serverName, 'abc.example.com');
    const wildcard = await echoAccount(await openSession(port, 'other.example.com', ca.certificate));
    assert.equal(wildcard.pod, 'stream-b-1');
  });

  it('terminates a Terminate listener with its own certificate and forwards the decrypted bytes', async () => {
    const session = await openSession(port, 'tls.example.com', ca.certificate);
    assert.equal(session.socket.getPeerCertificate().subjectaltname, 'DNS:tls.example.com');
    const account = await echoAccount(session);
    assert.equal(account.pod, 'stream-a-1');
    assert.equal(account.isTLS, false);
  });

  it('still serves the HTTPS listener of the same port', async () => {
    const answer = await sendHttpsRequest({ host: PROXY_HOST, port }, { host: 'web.example.org', path: '/hello', ca: ca.certificate });
    assert.equal(answer.status, 200);
    assert.equal(answer.echo?.pod, 'web-1');
    assert.equal(answer.tls.certificate.altNames, 'DNS:web.example.org');
  });

  it('closes connections no listener or route takes, and those whose backend is invalid or has no endpoint, before any handshake', async () => {
    for (const sni of ['nothing.example.net', undefined, 'invalid.example.com', 'empty.example.com']) {
      const outcome = await refusal(port, sni);
      assert.ok(outcome === 'ECONNRESET' || outcome === 'EPIPE', `${sni ?? 'no SNI'}: expected the connection closed during the handshake, got ${outcome}`);
    }
  });

  it('refuses exactly the share of connections an invalid backend has', async () => {
    const split = [route('split.example.com', [tlsPort(streamA, STREAM_A_HOST, 1), { kind: 'invalid', name: `${ns}/gone:443`, weight: 1, reason: 'BackendNotFound' }])];
    await publish(split, terminateCertificate, webCertificate);
    let refused = 0;
    const total = 60;
    for (let i = 0; i < total; i += 1) {
      // Unverified: the backend's certificate does not name split.example.com, and only the split matters here.
      const served = await openSession(port, 'split.example.com').then(
        (session) => echoAccount(session).then(() => true),
        () => false,
      );
      if (!served) refused += 1;
    }
    // Binomial(60, 0.5): 15..45 holds with probability > 0.9999.
    assert.ok(refused >= 15 && refused <= 45, `refused ${refused} of ${total}`);
    await publish(defaultRoutes(), terminateCertificate, webCertificate);
  });
});
