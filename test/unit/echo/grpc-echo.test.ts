import assert from 'node:assert/strict';
import { type Client, credentials, Metadata, type ServiceError, status } from '@grpc/grpc-js';
import { grpcEchoService } from '../../../reference-impl/echo/grpc/grpc-echo-definition.ts';
import { type GrpcEchoServer, startGrpcEcho } from '../../../reference-impl/echo/grpc/grpc-echo-server.ts';
import type { RequestLogEntry } from '../../../reference-impl/echo/request-log.ts';
import { readServerTls } from '../../../reference-impl/echo/server-tls.ts';
import { makeTestCertificates, type TestCertificates } from './test-certificates.ts';

interface EchoResponse {
  assertions: {
    fully_qualified_method: string;
    headers: { key: string; value: string }[];
    authority: string;
    context: { namespace: string; ingress: string; service_name: string; pod: string };
    tls_assertions: { version: string; negotiated_protocol: string; server_name: string; cipher_suite: string } | null;
  };
}

type UnaryMethod = (request: object, metadata: Metadata, callback: (error: ServiceError | null, response?: EchoResponse) => void) => void;

function call(client: Client, method: string, metadata = new Metadata()): Promise<EchoResponse> {
  const fn = (client as unknown as Record<string, UnaryMethod>)[method];
  assert.ok(fn, `the client has ${method}`);
  return new Promise((resolve, reject) => {
    fn.call(client, {}, metadata, (error, response) => (error ? reject(error) : resolve(response as EchoResponse)));
  });
}

describe('echo gRPC mode', () => {
  const Service = grpcEchoService();
  const context = { namespace: 'gateway-conformance-infra', ingress: '', service: 'grpc-infra-backend-v1', pod: 'grpc-infra-backend-v1-9x' };
  let certs: TestCertificates;
  let echo: GrpcEchoServer;
  const logged: RequestLogEntry[] = [];
  const clients: Client[] = [];
  before(async () => {
    certs = await makeTestCertificates(['grpc.example.com']);
    const files = readServerTls({ cert: { variable: 'TLS_SERVER_CERT', path: certs.files.cert }, key: { variable: 'TLS_SERVER_PRIV_KEY', path: certs.files.key } }, {});
    echo = await startGrpcEcho({ host: '127.0.0.1', port: 0, tls: { port: 0, files }, context, onRequest: (entry) => logged.push(entry) });
  });
  after(async () => {
    for (const client of clients) client.close();
    await echo.close();
  });

  function plaintextClient(authority?: string): Client {
    const client = new Service(`127.0.0.1:${echo.port}`, credentials.createInsecure(), authority ? { 'grpc.default_authority': authority } : {});
    clients.push(client);
    return client;
  }

  it('answers Echo with the method, the metadata, the authority and the pod context', async () => {
    const metadata = new Metadata();
    metadata.set('x-request-id', 'abc');
    const response = await call(plaintextClient('grpc.example.com'), 'Echo', metadata);
    const { assertions } = response;
    assert.equal(assertions.fully_qualified_method, '/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/Echo');
    assert.equal(assertions.authority, 'grpc.example.com');
    assert.deepEqual(assertions.context, { namespace: context.namespace, ingress: '', service_name: context.service, pod: context.pod });
    assert.ok(assertions.headers.some((h) => h.key === 'x-request-id' && h.value === 'abc'));
    assert.ok(assertions.headers.some((h) => h.key === ':authority' && h.value === 'grpc.example.com'));
    assert.equal(assertions.tls_assertions, null, 'no TLS part on plaintext');
    assert.deepEqual([logged.at(-1)?.listener, logged.at(-1)?.path], ['grpc', '/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/Echo']);
  });

  it('answers EchoTwo at its own method name and leaves EchoThree unimplemented', async () => {
    const two = await call(plaintextClient(), 'EchoTwo');
    assert.equal(two.assertions.fully_qualified_method, '/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/EchoTwo');
    await assert.rejects(call(plaintextClient(), 'EchoThree'), (error: ServiceError) => error.code === status.UNIMPLEMENTED);
  });

  it('serves the same over TLS on its TLS port and reports the SNI and version', async () => {
    const client = new Service(`127.0.0.1:${echo.tlsPort}`, credentials.createSsl(Buffer.from(certs.caPem)), {
      'grpc.ssl_target_name_override': 'grpc.example.com',
      'grpc.default_authority': 'grpc.example.com',
    });
    clients.push(client);
    const response = await call(client, 'Echo');
    const tls = response.assertions.tls_assertions;
    assert.ok(tls);
    assert.equal(tls.server_name, 'grpc.example.com');
    assert.equal(tls.version, 'TLSv1.3');
    assert.equal(tls.negotiated_protocol, 'h2');
    assert.match(tls.cipher_suite, /^TLS_/);
    assert.equal(logged.at(-1)?.listener, 'grpc-tls');
  });
});
