// gRPC calls through the proxy to a backend under a BackendTLSPolicy (IR protocol h2): the proxy speaks HTTP/2
// over TLS with ALPN h2 to the gRPC echo's TLS port, with the policy's hostname as SNI and its CA as trust, and
// the echo reports the TLS it negotiated; a certificate the policy's CA does not vouch for fails the call as a
// gRPC status naming the TLS failure, never a cleartext fallback.
import assert from 'node:assert/strict';
import { callGrpcEcho } from '../../../harness/traffic/grpc/grpc-echo-call.ts';
import { type GrpcEchoServer, startGrpcEcho } from '../../../reference-impl/echo/grpc/grpc-echo-server.ts';
import type { BackendTlsIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { type KeyPair, makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';
import { type ProxyUnderTest, prefixRule, service, startProxyUnderTest } from './proxy-under-test.ts';

const PROXY_HOST = '127.0.0.86';
const BACKEND = '127.0.0.87';
const ECHO_SERVICE = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';

interface TlsAccount {
  negotiated_protocol: string;
  server_name: string;
}

describe('gRPC calls to a backend over TLS (integration)', function () {
  this.timeout(20_000);
  let gw: ProxyUnderTest;
  let echo: GrpcEchoServer;
  let backendCa: KeyPair;
  let otherCa: KeyPair;

  const routeTo = (tls: BackendTlsIR) =>
    gw.publish([prefixRule('ns/g/rule/0/match/0', `/${ECHO_SERVICE}`, [service('ns/grpc-tls:443', [{ address: BACKEND, port: echo.tlsPort ?? 0 }], { protocol: 'h2', tls })])]);

  before(async () => {
    [backendCa, otherCa] = await Promise.all([makeTestCa('grpc-backend-ca'), makeTestCa('unrelated-ca')]);
    const serving = await signTestCertificate(backendCa, { usage: 'server', dnsNames: ['grpc.backend.example.com'] });
    const files = { cert: Buffer.from(serving.certificate), key: Buffer.from(serving.privateKey) };
    echo = await startGrpcEcho({ host: BACKEND, port: 0, tls: { port: 0, files }, context: { namespace: 'ns', ingress: '', service: 'grpc-tls', pod: 'grpc-tls-pod' } });
    gw = await startProxyUnderTest(PROXY_HOST);
  });

  after(async () => {
    await gw?.close();
    await echo?.close();
  });

  it('reaches the TLS port over HTTP/2 (ALPN h2) with the policy hostname as SNI, and the echo says so', async () => {
    await routeTo({ serverName: 'grpc.backend.example.com', caCertificates: backendCa.certificate });
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { method: 'Echo', authority: 'grpc.example.com' });
    assert.equal(outcome.code, 0, outcome.details);
    assert.equal(outcome.echo?.pod, 'grpc-tls-pod');
    const tls = (outcome.response as { assertions?: { tls_assertions?: TlsAccount } }).assertions?.tls_assertions;
    assert.equal(tls?.negotiated_protocol, 'h2');
    assert.equal(tls?.server_name, 'grpc.backend.example.com');
  });

  it('fails the call with UNAVAILABLE naming the TLS failure when the certificate is not vouched for', async () => {
    await routeTo({ serverName: 'grpc.backend.example.com', caCertificates: otherCa.certificate });
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { method: 'Echo' });
    assert.equal(outcome.code, 14, outcome.details);
    assert.match(outcome.details, /TLS/);
  });

  it('fails the call when the certificate does not name the policy hostname', async () => {
    await routeTo({ serverName: 'someone-else.example.com', caCertificates: backendCa.certificate });
    const outcome = await callGrpcEcho({ host: PROXY_HOST, port: gw.port }, { method: 'Echo' });
    assert.equal(outcome.code, 14, outcome.details);
    assert.match(outcome.details, /TLS to .* failed/);
  });
});
