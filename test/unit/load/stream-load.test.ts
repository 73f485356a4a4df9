// The gRPC and TCP load loops against the echo's own gRPC and TCP servers, in process: every operation counted
// with its outcome and backend, TCP bytes counted both ways, and a dead target counted as transport errors.
// No timing is asserted: the figures are the scenario's business.
import assert from 'node:assert/strict';
import { runStreamLoad } from '../../../harness/load/stream/run-stream-load.ts';
import { type GrpcEchoServer, startGrpcEcho } from '../../../reference-impl/echo/grpc/grpc-echo-server.ts';
import { startTcpEcho, type TcpEchoServer } from '../../../reference-impl/echo/tcp/tcp-echo-server.ts';

const HOST = '127.0.0.86';
const context = (service: string) => ({ namespace: 'ns', ingress: '', service, pod: `${service}-pod` });

describe('load: gRPC and TCP loops', function () {
  this.timeout(20_000);
  let grpc: GrpcEchoServer;
  let tcp: TcpEchoServer;

  before(async () => {
    grpc = await startGrpcEcho({ host: HOST, port: 0, context: context('grpc-echo') });
    tcp = await startTcpEcho({ host: HOST, port: 0, tlsPort: 0, context: context('tcp-echo') });
  });

  after(async () => {
    await grpc?.close();
    await tcp?.close();
  });

  it('counts gRPC calls by status and backend', async () => {
    const result = await runStreamLoad({ target: { host: HOST, port: grpc.port }, stream: { protocol: 'grpc', call: { method: 'Echo' } }, durationSeconds: 0.3, connections: 2 });
    assert.equal(result.protocol, 'grpc');
    assert.ok(result.requests.total > 0);
    assert.deepEqual(result.statuses, { OK: result.requests.total });
    assert.deepEqual(result.backends, { 'grpc-echo': result.requests.total });
    assert.equal(result.errors + result.non2xx, 0);
  });

  it('counts a call the server refuses as non-OK, by its status name', async () => {
    const result = await runStreamLoad({ target: { host: HOST, port: grpc.port }, stream: { protocol: 'grpc', call: { method: 'EchoThree' } }, durationSeconds: 0.2, connections: 1 });
    assert.deepEqual([Object.keys(result.statuses ?? {}), result.non2xx, result.errors], [['UNIMPLEMENTED'], result.requests.total, 0]);
  });

  it('counts TCP connections, their backend and every byte written and read', async () => {
    const result = await runStreamLoad({ target: { host: HOST, port: tcp.port }, stream: { protocol: 'tcp', pings: 10 }, durationSeconds: 0.3, connections: 2 });
    assert.ok(result.requests.total > 0);
    assert.deepEqual(result.backends, { 'tcp-echo': result.requests.total });
    // Per connection: 10 PINGs and TEST written (55 bytes); the welcome line, 10 PONGs and the account read.
    const perConnection = (result.bytesPerSecond ?? 0) * result.durationSeconds / result.requests.total;
    assert.ok(perConnection > 55 + 28 + 50, `bytes per connection ${perConnection}`);
  });

  it('counts connections to a closed port as transport errors', async () => {
    const closed = await startTcpEcho({ host: HOST, port: 0, tlsPort: 0, context: context('gone') });
    await closed.close();
    const result = await runStreamLoad({ target: { host: HOST, port: closed.port }, stream: { protocol: 'tcp', pings: 1 }, durationSeconds: 0.2, connections: 1, timeoutSeconds: 1 });
    assert.ok(result.errors > 0);
    assert.equal(result.errors, result.requests.total);
    assert.equal(result.statuses?.OK, undefined);
  });
});
