// Each mode's settings, with upstream's variable names and defaults: the HTTP echo (HTTP_PORT, H2C_PORT,
// HTTPS_PORT), the gRPC echo (HTTP_PORT, HTTPS_PORT), the TCP echo (TCP_PORT, TLS_PORT) and the UDP echo
// (UDP_PORT). Upstream's HTTP mode reads the key from TLS_SERVER_PRIVKEY and the gRPC and TCP modes from
// TLS_SERVER_PRIV_KEY; each mode here reads its own name first and the other as a fallback.

import type { EchoContext } from './echo-answer.ts';
import { bindHostFrom, type Environment, echoContextFrom, portFrom } from './echo-settings.ts';
import { type PauseSchedule, pauseScheduleFrom } from './pause-schedule.ts';
import type { ServerTlsPaths } from './server-tls.ts';

interface CommonSettings {
  host: string;
  context: EchoContext;
}

export interface HttpEchoSettings extends CommonSettings {
  httpPort: number;
  h2cPort: number;
  https?: { port: number; tls: ServerTlsPaths } | undefined;
  /** ECHO_PAUSE_EVERY / ECHO_PAUSE_FOR (ours, not upstream's): see pause-schedule.ts. */
  pause?: PauseSchedule | undefined;
}

export interface GrpcEchoSettings extends CommonSettings {
  port: number;
  tls?: { port: number; tls: ServerTlsPaths } | undefined;
}

export interface TcpEchoSettings extends CommonSettings {
  port: number;
  /** Reported as `tlsport` whether or not the TLS listener runs, as upstream does. */
  tlsPort: number;
  tls?: ServerTlsPaths | undefined;
}

export interface UdpEchoSettings extends CommonSettings {
  port: number;
}

export function httpEchoSettings(env: Environment): HttpEchoSettings {
  const tls = serverTlsPaths(env, ['TLS_SERVER_PRIVKEY', 'TLS_SERVER_PRIV_KEY'], 'TLS_CLIENT_CACERTS');
  return {
    ...common(env),
    httpPort: portFrom(env, 'HTTP_PORT', 3000),
    h2cPort: portFrom(env, 'H2C_PORT', 3001),
    https: tls ? { port: portFrom(env, 'HTTPS_PORT', 8443), tls } : undefined,
    pause: pauseScheduleFrom(env),
  };
}

export function grpcEchoSettings(env: Environment): GrpcEchoSettings {
  const tls = serverTlsPaths(env, ['TLS_SERVER_PRIV_KEY', 'TLS_SERVER_PRIVKEY']);
  return { ...common(env), port: portFrom(env, 'HTTP_PORT', 3000), tls: tls ? { port: portFrom(env, 'HTTPS_PORT', 8443), tls } : undefined };
}

export function tcpEchoSettings(env: Environment): TcpEchoSettings {
  const tls = serverTlsPaths(env, ['TLS_SERVER_PRIV_KEY', 'TLS_SERVER_PRIVKEY']);
  return { ...common(env), port: portFrom(env, 'TCP_PORT', 3000), tlsPort: portFrom(env, 'TLS_PORT', 8443), tls };
}

export function udpEchoSettings(env: Environment): UdpEchoSettings {
  return { ...common(env), port: portFrom(env, 'UDP_PORT', 8080) };
}

function common(env: Environment): CommonSettings {
  return { host: bindHostFrom(env), context: echoContextFrom(env) };
}

/** TLS_SERVER_CERT with the first key variable set; none when either is missing (TLS off, as upstream). */
function serverTlsPaths(env: Environment, keyVariables: readonly string[], clientCaVariable?: string): ServerTlsPaths | undefined {
  const certPath = env.TLS_SERVER_CERT ?? '';
  const keyVariable = keyVariables.find((name) => (env[name] ?? '') !== '');
  if (certPath === '' || keyVariable === undefined) return undefined;
  const clientCaPath = clientCaVariable === undefined ? '' : (env[clientCaVariable] ?? '');
  return {
    cert: { variable: 'TLS_SERVER_CERT', path: certPath },
    key: { variable: keyVariable, path: env[keyVariable] ?? '' },
    clientCa: clientCaVariable !== undefined && clientCaPath !== '' ? { variable: clientCaVariable, path: clientCaPath } : undefined,
  };
}
