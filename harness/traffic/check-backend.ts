// The request as the echo backend saw it (from the echo body): which backend and namespace answered, the
// method, path with query, Host, protocol and headers it received, and, when the gateway spoke TLS to it, the
// SNI it saw and the client certificate it was given.

import { X509Certificate } from 'node:crypto';
import type { BackendExpectation } from '../scenario/scenario-types.ts';
import { backendMatches } from './backend-identity.ts';
import { checkHeaderSet, type Mismatch, mismatch } from './mismatch.ts';
import type { EchoedRequest, ProbeResponse } from './send-request.ts';

/** The backend name a pod most likely belongs to: its Service, else the pod name minus the ReplicaSet/pod suffixes. */
function backendNameOf(echo: EchoedRequest): string {
  if (echo.service !== '') return echo.service;
  const parts = echo.pod.split('-');
  return parts.length > 2 ? parts.slice(0, -2).join('-') : echo.pod;
}

/** What a backend expectation names that is read from the cluster when its case starts. */
export interface ResolvedBackendSecrets {
  /** PEM of the certificate in the expected clientCertificate Secret's tls.crt. */
  clientCertificate?: string;
}

function checkTls(expect: BackendExpectation, echo: EchoedRequest, secrets: ResolvedBackendSecrets): Mismatch[] {
  if (expect.serverName === undefined && expect.clientCertificate === undefined) return [];
  if (echo.tls === undefined) return [mismatch('backend tls', 'a request received over TLS', 'a cleartext request')];
  const found: Mismatch[] = [];
  if (expect.serverName !== undefined && echo.tls.serverName !== expect.serverName) found.push(mismatch('backend SNI', expect.serverName, echo.tls.serverName || '(none)'));
  if (expect.clientCertificate !== undefined) {
    const wanted = fingerprintOf(secrets.clientCertificate ?? '');
    const got = echo.tls.peerCertificates.map(fingerprintOf);
    const named = `${expect.clientCertificate.namespace}/${expect.clientCertificate.name}`;
    if (wanted === undefined || !got.includes(wanted)) found.push(mismatch('backend client certificate', `the certificate of Secret ${named}`, got.length === 0 ? '(none presented)' : got.join(', ')));
  }
  return found;
}

/** The first PEM certificate's SHA-256 fingerprint; undefined when there is none that parses. */
function fingerprintOf(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

function checkEcho(expect: BackendExpectation, echo: EchoedRequest, secrets: ResolvedBackendSecrets): Mismatch[] {
  const found: Mismatch[] = [];
  if (expect.name !== undefined && !backendMatches(expect.name, echo)) {
    found.push(mismatch('backend', expect.name, `${backendNameOf(echo)} (pod ${echo.pod || '(unnamed)'})`));
  }
  if (expect.namespace !== undefined && echo.namespace !== expect.namespace) found.push(mismatch('backend namespace', expect.namespace, echo.namespace || '(empty)'));
  if (expect.method !== undefined && echo.method !== expect.method) found.push(mismatch('backend method', expect.method, echo.method || '(empty)'));
  if (expect.path !== undefined && echo.path !== expect.path) found.push(mismatch('backend path', JSON.stringify(expect.path), JSON.stringify(echo.path)));
  if (expect.host !== undefined && echo.host !== expect.host) found.push(mismatch('backend host', JSON.stringify(expect.host), JSON.stringify(echo.host)));
  if (expect.proto !== undefined && echo.proto !== expect.proto) found.push(mismatch('backend proto', expect.proto, echo.proto || '(empty)'));
  return [...found, ...checkHeaderSet('backend header', echo.headers, expect.headers ?? {}, expect.absentHeaders ?? []), ...checkTls(expect, echo, secrets)];
}

export function checkBackend(expect: BackendExpectation, response: ProbeResponse, secrets: ResolvedBackendSecrets = {}): Mismatch[] {
  if (response.echo) return checkEcho(expect, response.echo, secrets);
  const preview = response.body.slice(0, 80).replaceAll('\n', ' ');
  return [mismatch('body', 'an echo backend JSON body', preview === '' ? '(empty body)' : JSON.stringify(preview))];
}
