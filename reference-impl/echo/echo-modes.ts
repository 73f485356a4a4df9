// The echo image runs one of upstream's modes, picked by the environment (echo-settings.ts): each mode's
// settings are read, its TLS files loaded, its listeners started. What is returned is what the entry
// point needs: the ports bound (for its "listening" line) and how to close.

import { grpcEchoSettings, httpEchoSettings, tcpEchoSettings, udpEchoSettings } from './echo-mode-settings.ts';
import { startEchoServer } from './echo-server.ts';
import { type EchoMode, type Environment, echoModeFrom } from './echo-settings.ts';
import { startGrpcEcho } from './grpc/grpc-echo-server.ts';
import type { RequestLogger } from './request-log.ts';
import { readServerTls } from './server-tls.ts';
import { startTcpEcho } from './tcp/tcp-echo-server.ts';
import { startUdpEcho } from './udp/udp-echo-server.ts';

export interface RunningEcho {
  mode: EchoMode;
  host: string;
  /** Each listener's port by name (http, h2c, https, grpc, grpcTls, tcp, tls, udp). */
  ports: Record<string, number>;
  close(): Promise<void>;
}

export interface EchoHooks {
  onRequest: RequestLogger;
  /** TCP connections and UDP datagrams: one call each. */
  onTraffic: (what: string, fields: Record<string, unknown>) => void;
}

export async function startEchoMode(env: Environment, hooks: EchoHooks): Promise<RunningEcho> {
  const mode = echoModeFrom(env);
  if (mode === 'grpc') {
    const settings = grpcEchoSettings(env);
    const tls = settings.tls && { port: settings.tls.port, files: readServerTls(settings.tls.tls, env) };
    const server = await startGrpcEcho({ host: settings.host, port: settings.port, tls, context: settings.context, onRequest: hooks.onRequest });
    return running(mode, settings.host, { grpc: server.port, grpcTls: server.tlsPort }, server.close);
  }
  if (mode === 'tcp') {
    const settings = tcpEchoSettings(env);
    const tls = settings.tls && readServerTls(settings.tls, env);
    const server = await startTcpEcho({
      ...settings,
      tls,
      onConnection: (info) => hooks.onTraffic('connection', { ...info, namespace: settings.context.namespace, pod: settings.context.pod }),
    });
    return running(mode, settings.host, { tcp: server.port, tls: server.tlsPort }, server.close);
  }
  if (mode === 'udp') {
    const settings = udpEchoSettings(env);
    const server = await startUdpEcho({
      ...settings,
      onDatagram: (info) => hooks.onTraffic('datagram', { ...info, namespace: settings.context.namespace, pod: settings.context.pod }),
    });
    return running(mode, settings.host, { udp: server.port }, server.close);
  }
  const settings = httpEchoSettings(env);
  const https = settings.https && { port: settings.https.port, tls: readServerTls(settings.https.tls, env) };
  const server = await startEchoServer({
    host: settings.host,
    port: settings.httpPort,
    h2cPort: settings.h2cPort,
    https,
    context: settings.context,
    onRequest: hooks.onRequest,
    pause: settings.pause,
  });
  return running(mode, settings.host, { http: server.port, h2c: server.h2cPort, https: server.httpsPort }, server.close);
}

function running(mode: EchoMode, host: string, ports: Record<string, number | undefined>, close: () => Promise<void>): RunningEcho {
  const bound = Object.fromEntries(Object.entries(ports).filter((entry): entry is [string, number] => entry[1] !== undefined));
  return { mode, host, ports: bound, close };
}
