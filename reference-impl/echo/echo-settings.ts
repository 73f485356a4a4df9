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

export interface HttpEchoSettings {
  host: string;
  httpPort: number;
  h2cPort: number;
  context: EchoContext;
}

/** The HTTP echo's settings: HTTP_PORT (3000) and H2C_PORT (3001). */
export function httpEchoSettings(env: Environment): HttpEchoSettings {
  return {
    host: bindHostFrom(env),
    httpPort: portFrom(env, 'HTTP_PORT', 3000),
    h2cPort: portFrom(env, 'H2C_PORT', 3001),
    context: echoContextFrom(env),
  };
}
