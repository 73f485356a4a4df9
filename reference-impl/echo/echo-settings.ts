// The echo image's environment, read once: the same variables and defaults as upstream's echo-basic, so
// manifests written for upstream configure ours unchanged. Bad values stop the process with a message that
// names the variable; nothing falls back silently.

import type { EchoContext } from './echo-answer.ts';

export class EchoSettingsError extends Error {
  readonly code = 'ECHO_BAD_SETTING';
  constructor(message: string) {
    super(message);
    this.name = 'EchoSettingsError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Upstream reads these four into every answer. */
export function echoContextFrom(env: Environment): EchoContext {
  return {
    namespace: env.NAMESPACE ?? '',
    ingress: env.INGRESS_NAME ?? '',
    service: env.SERVICE_NAME ?? '',
    pod: env.POD_NAME ?? '',
  };
}

/** Where to bind: every local pod shares the host's network namespace, so it binds its own POD_IP. */
export function bindHostFrom(env: Environment): string {
  return env.POD_IP || '0.0.0.0';
}

/** A port number from `name`, or `fallback` when unset or empty; throws EchoSettingsError otherwise. */
export function portFrom(env: Environment, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new EchoSettingsError(`${name} "${text}" is not a port number (0-65535); set ${name} to a valid port or leave it unset for ${fallback}`);
  }
  return port;
}

/** Upstream's echo-basic picks one mode by which of these is set (non-empty), in this order. */
export type EchoMode = 'grpc' | 'tcp' | 'udp' | 'http';

export function echoModeFrom(env: Environment): EchoMode {
  if (env.GRPC_ECHO_SERVER) return 'grpc';
  if (env.TCP_ECHO_SERVER) return 'tcp';
  if (env.UDP_ECHO_SERVER) return 'udp';
  return 'http';
}
