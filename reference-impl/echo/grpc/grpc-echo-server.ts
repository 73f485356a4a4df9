// The gRPC echo (GRPC_ECHO_SERVER), as upstream's: GrpcEcho on HTTP_PORT in plaintext and, when a
// certificate is configured, on HTTPS_PORT over TLS. Echo and EchoTwo answer what the call carried;
// EchoThree is unimplemented. The TLS port terminates TLS itself and hands each connection to grpc-js, so
// the answer can report what TLS negotiated (SNI, version, cipher), which grpc-js does not expose.

import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { type Metadata, Server, ServerCredentials, type ServerUnaryCall, type sendUnaryData, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { listenOn } from '../../net/listen-on.ts';
import type { EchoContext } from '../echo-answer.ts';
import type { RequestLogEntry, RequestLogger } from '../request-log.ts';
import type { ServerTlsFiles } from '../server-tls.ts';
import { type TlsAssertions, tlsAssertions } from '../tls-assertions.ts';
import { grpcEchoResponse } from './grpc-echo-answer.ts';
import { GRPC_ECHO_SERVICE, grpcEchoServiceDefinition } from './grpc-echo-definition.ts';

export interface GrpcEchoOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls?: { port: number; files: ServerTlsFiles } | undefined;
  context: EchoContext;
  onRequest?: RequestLogger | undefined;
}

export interface GrpcEchoServer {
  port: number;
  tlsPort: number | undefined;
  close(): Promise<void>;
}

// In-flight calls get this long to finish when the server closes.
const SHUTDOWN_GRACE_MS = 2000;

export async function startGrpcEcho(options: GrpcEchoOptions): Promise<GrpcEchoServer> {
  const plain = new Server();
  plain.addService(grpcEchoServiceDefinition(), handlers(options, () => undefined));
  const port = await bindPlaintext(plain, options.host, options.port);
  if (options.tls === undefined) return { port, tlsPort: undefined, close: () => shutdown(plain) };
  const secure = new Server();
  // Keyed like grpc-js's call.getPeer(): "address:port" of the client.
  const connections = new Map<string, TlsAssertions>();
  secure.addService(grpcEchoServiceDefinition(), handlers(options, (peer) => connections.get(peer)));
  const injector = secure.createConnectionInjector(ServerCredentials.createInsecure());
  const { cert, key } = options.tls.files;
  const tlsServer = createTlsServer({ cert, key, ALPNProtocols: ['h2'] }, (socket: TLSSocket) => {
    const peer = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`;
    const negotiated = tlsAssertions(socket);
    if (negotiated !== undefined) connections.set(peer, negotiated);
    socket.once('close', () => connections.delete(peer));
    injector.injectConnection(socket);
  });
  tlsServer.on('tlsClientError', () => undefined);
  const tlsPort = await listenOn(tlsServer, options.tls.port, options.host).catch(async (error: unknown) => {
    await shutdown(plain);
    throw error;
  });
  const closeTls = (): Promise<void> =>
    new Promise<void>((resolve) => {
      tlsServer.close(() => resolve());
      injector.drain(SHUTDOWN_GRACE_MS);
    }).then(() => shutdown(secure));
  return { port, tlsPort, close: () => Promise.all([shutdown(plain), closeTls()]).then(() => undefined) };
}

function handlers(options: GrpcEchoOptions, tlsOf: (peer: string) => TlsAssertions | undefined): UntypedServiceImplementation {
  const echo = (method: string) => (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
    const tls = tlsOf(call.getPeer());
    options.onRequest?.(callLogEntry(method, call, tls !== undefined, options.context));
    callback(null, grpcEchoResponse(method, call.getHost(), call.metadata, options.context, tls));
  };
  return {
    Echo: echo('Echo'),
    EchoTwo: echo('EchoTwo'),
    EchoThree: (_call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      callback({ code: status.UNIMPLEMENTED, details: 'method EchoThree not implemented' });
    },
  };
}

function callLogEntry(method: string, call: ServerUnaryCall<unknown, unknown>, overTls: boolean, context: EchoContext): RequestLogEntry {
  return {
    listener: overTls ? 'grpc-tls' : 'grpc',
    method: 'POST',
    path: `/${GRPC_ECHO_SERVICE}/${method}`,
    host: call.getHost(),
    proto: 'HTTP/2.0',
    headers: metadataHeaders(call.metadata),
    client: call.getPeer(),
    namespace: context.namespace,
    pod: context.pod,
    service: context.service,
    echoBasicLine: `Received over ${overTls ? 'TLS' : 'plaintext'}: `,
  };
}

function metadataHeaders(metadata: Metadata): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(metadata.toJSON())) out[key] = values.map((value) => (typeof value === 'string' ? value : `<${value.length} bytes>`));
  return out;
}

function bindPlaintext(server: Server, host: string, port: number): Promise<number> {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
  });
}

/** Lets calls in flight finish, then forces whatever is left. */
function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, SHUTDOWN_GRACE_MS);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}
