// tls: requests from the harness against a TCP echo serving TLS itself (what a passthrough listener leads to):
// the handshake verified against a CA, the certificate by its DNS names, the exchange byte for byte, the echo's
// account of the connection (pod, TLS, SNI), and `handshake: fails` told apart from a completed handshake, an
// untrusted certificate and no server at all.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import type { RequestCase, RequestExpectation, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { runTlsStreamCase } from '../../../harness/traffic/tls-stream-case.ts';
import { startTcpEcho, TCP_WELCOME, type TcpEchoServer } from '../../../reference-impl/echo/tcp/tcp-echo-server.ts';
import { listenOn } from '../../../reference-impl/net/listen-on.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';

type TlsCase = RequestCase<SentRequestOf<'tls'>>;

function tlsCase(request: Partial<SentRequestOf<'tls'>>, expect: Partial<RequestExpectation>): TlsCase {
  return {
    name: 'tls case',
    gateway: { namespace: 'ns', name: 'gw' },
    port: 443,
    request: { protocol: 'tls', alpn: [], exchange: [], ...request },
    expect: { response: { statuses: [200], headers: {}, absentHeaders: [] }, mirroredTo: [], ...expect },
    samples: 1,
    source: { file: 'scenario.yaml', line: 1 },
  };
}

describe('tls: requests', function () {
  this.timeout(20_000);
  let ca: KeyPair;
  let echo: TcpEchoServer;
  let closer: Server;
  let closerPort: number;
  const deps = () => ({ trafficMs: 1500, readCertificateAuthority: async () => ca.certificate });
  const target = () => ({ host: '127.0.0.1', port: echo.tlsPort ?? 0 });

  before(async () => {
    ca = await makeTestCa('tls-case-ca');
    const serving = await signTestCertificate(ca, { usage: 'server', dnsNames: ['abc.example.com'] });
    echo = await startTcpEcho({ host: '127.0.0.1', port: 0, tlsPort: 0, tls: { cert: Buffer.from(serving.certificate), key: Buffer.from(serving.privateKey) }, context: { namespace: 'ns', ingress: '', service: '', pod: 'tcp-backend-5d9-x1' } });
    // Accepts a connection and closes it at once, as a TLS listener without a route does.
    closer = createServer((socket) => socket.destroy());
    closerPort = await listenOn(closer, 0, '127.0.0.1');
  });
  after(async () => {
    await echo?.close();
    closer?.close();
  });

  it('verify the server, exchange bytes and read the echo account of the connection', async () => {
    const outcome = await runTlsStreamCase(
      target(),
      tlsCase(
        { serverName: 'abc.example.com', ca: { kind: 'ConfigMap', namespace: 'ns', name: 'ca' }, exchange: [{ receive: TCP_WELCOME }, { send: 'PING\n', receive: 'PONG\n' }] },
        { tls: { certificate: { dnsNames: ['abc.example.com'] } }, backend: { name: 'tcp-backend', namespace: 'ns', tls: true, serverName: 'abc.example.com' } },
      ),
      deps(),
    );
    assert.deepEqual(outcome.mismatches, []);
    assert.equal(outcome.satisfied, true);
  });

  it('report what differs: the certificate names, a received text, the backend', async () => {
    const names = await runTlsStreamCase(target(), tlsCase({ serverName: 'abc.example.com' }, { tls: { certificate: { dnsNames: ['tls.example.com'] } } }), deps());
    assert.match(names.mismatches[0]?.text ?? '', /tls certificate: expected DNS names tls.example.com, got abc.example.com/);
    const received = await runTlsStreamCase(target(), tlsCase({ serverName: 'abc.example.com', exchange: [{ receive: TCP_WELCOME }, { send: 'IS_TLS\n', receive: 'false\n' }] }, {}), { trafficMs: 300 });
    assert.match(received.mismatches[0]?.text ?? '', /exchange\[1\] received: expected "false\\n", got "true\\n"/);
    const backend = await runTlsStreamCase(target(), tlsCase({ serverName: 'abc.example.com', exchange: [{ receive: TCP_WELCOME }] }, { backend: { tls: false, serverName: '' } }), { trafficMs: 300 });
    assert.deepEqual(
      backend.mismatches.map((mismatch) => mismatch.field),
      ['backend tls', 'backend serverName'],
    );
  });

  it('fail a certificate the CA does not vouch for the SNI as untrusted, not as a refused handshake', async () => {
    const outcome = await runTlsStreamCase(target(), tlsCase({ serverName: 'other.example.com', ca: { kind: 'ConfigMap', namespace: 'ns', name: 'ca' } }, {}), { ...deps(), trafficMs: 300 });
    assert.match(outcome.mismatches[0]?.text ?? '', /^tls certificate: .*not valid for other.example.com/);
    const refusal = await runTlsStreamCase(target(), tlsCase({ serverName: 'other.example.com', ca: { kind: 'ConfigMap', namespace: 'ns', name: 'ca' } }, { handshake: 'fails' }), { ...deps(), trafficMs: 300 });
    assert.match(refusal.mismatches[0]?.text ?? '', /^handshake: expected the handshake refused by the gateway, got a completed handshake with a certificate the client does not trust/);
  });

  it('hold handshake: fails when the server closes the connection, and only then', async () => {
    const refused = await runTlsStreamCase({ host: '127.0.0.1', port: closerPort }, tlsCase({ serverName: 'abc.example.com' }, { handshake: 'fails' }), deps());
    assert.equal(refused.satisfied, true);
    const completed = await runTlsStreamCase(target(), tlsCase({ serverName: 'abc.example.com' }, { handshake: 'fails' }), { trafficMs: 300 });
    assert.match(completed.mismatches[0]?.text ?? '', /got a completed handshake \(certificate for abc.example.com\)/);
    const nothing = await runTlsStreamCase({ host: '127.0.0.1', port: 1 }, tlsCase({}, { handshake: 'fails' }), { trafficMs: 300 });
    assert.match(nothing.mismatches[0]?.text ?? '', /^connection: .*no TLS server reached/);
  });
});
