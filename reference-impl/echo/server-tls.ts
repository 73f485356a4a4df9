// The certificate and key a TLS listener of the echo serves, and the CA bundle it checks client
// certificates against, read from the files the environment names (as upstream reads them).

import { createSecureContext } from 'node:tls';
import { EchoSettingsError, type Environment } from './echo-settings.ts';
import { readPodFile } from './pod-file.ts';

export interface ServerTlsFiles {
  cert: Buffer;
  key: Buffer;
  /** Client certificates are asked for and, when given, verified against this bundle. */
  clientCa?: Buffer | undefined;
}

export interface ServerTlsPaths {
  /** Variable name and value of each path, for messages. */
  cert: { variable: string; path: string };
  key: { variable: string; path: string };
  clientCa?: { variable: string; path: string } | undefined;
}

/** Reads and checks the files: a key that does not match its certificate fails here, naming both variables. */
export function readServerTls(paths: ServerTlsPaths, env: Environment): ServerTlsFiles {
  const cert = readPodFile(paths.cert.path, env, paths.cert.variable);
  const key = readPodFile(paths.key.path, env, paths.key.variable);
  const clientCa = paths.clientCa ? readPodFile(paths.clientCa.path, env, paths.clientCa.variable) : undefined;
  try {
    createSecureContext({ cert, key, ca: clientCa });
  } catch (error) {
    throw new EchoSettingsError(
      `${paths.cert.variable} (${paths.cert.path}) and ${paths.key.variable} (${paths.key.path})` +
        `${paths.clientCa ? ` with ${paths.clientCa.variable} (${paths.clientCa.path})` : ''} are not a usable PEM ` +
        `certificate, matching private key and CA bundle: ${(error as Error).message}`,
    );
  }
  return { cert, key, clientCa };
}
