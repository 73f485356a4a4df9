// The request as the echo backend saw it (from the echo body): which backend and namespace answered, and
// the method, path with query, Host, protocol and headers it received.
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

function checkEcho(expect: BackendExpectation, echo: EchoedRequest): Mismatch[] {
  const found: Mismatch[] = [];
  if (expect.name !== undefined && !backendMatches(expect.name, echo)) {
    found.push(mismatch('backend', expect.name, `${backendNameOf(echo)} (pod ${echo.pod || '(unnamed)'})`));
  }
  if (expect.namespace !== undefined && echo.namespace !== expect.namespace) found.push(mismatch('backend namespace', expect.namespace, echo.namespace || '(empty)'));
  if (expect.method !== undefined && echo.method !== expect.method) found.push(mismatch('backend method', expect.method, echo.method || '(empty)'));
  if (expect.path !== undefined && echo.path !== expect.path) found.push(mismatch('backend path', JSON.stringify(expect.path), JSON.stringify(echo.path)));
  if (expect.host !== undefined && echo.host !== expect.host) found.push(mismatch('backend host', JSON.stringify(expect.host), JSON.stringify(echo.host)));
  if (expect.proto !== undefined && echo.proto !== expect.proto) found.push(mismatch('backend proto', expect.proto, echo.proto || '(empty)'));
  return [...found, ...checkHeaderSet('backend header', echo.headers, expect.headers ?? {}, expect.absentHeaders ?? [])];
}

export function checkBackend(expect: BackendExpectation, response: ProbeResponse): Mismatch[] {
  if (response.echo) return checkEcho(expect, response.echo);
  const preview = response.body.slice(0, 80).replaceAll('\n', ' ');
  return [mismatch('body', 'an echo backend JSON body', preview === '' ? '(empty body)' : JSON.stringify(preview))];
}
