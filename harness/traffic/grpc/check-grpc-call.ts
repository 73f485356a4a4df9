// Judges one gRPC call against a grpc: case's expectation: the gRPC status (OK unless the case says otherwise),
// and for a successful call the echo's account against `backend`: which backend answered (pod name prefix or
// Service name) in which namespace, the :authority it saw (host), the metadata it received (headers,
// absentHeaders; names case-insensitive) and, for a backend the gateway reached over TLS, the SNI (serverName).
import type { BackendExpectation } from '../../scenario/scenario-types.ts';
import { backendMatches, describeBackend } from '../backend-identity.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import type { GrpcCallOutcome } from './grpc-echo-call.ts';
import { describeGrpcStatus } from './grpc-status-names.ts';

export function checkGrpcCall(code: number, backend: BackendExpectation | undefined, outcome: GrpcCallOutcome): Mismatch[] {
  if (outcome.code !== code) {
    const details = outcome.details === '' ? '' : ` (${outcome.details})`;
    return [mismatch('grpc status', describeGrpcStatus(code), `${describeGrpcStatus(outcome.code)}${details}`)];
  }
  if (backend === undefined || code !== 0) return [];
  const echo = outcome.echo;
  if (echo === undefined) return [mismatch('backend', 'an answer from the gRPC echo', 'an answer without its account')];
  return [...identityMismatches(backend, echo), ...metadataMismatches(backend, echo.headers)];
}

type EchoAccount = NonNullable<GrpcCallOutcome['echo']>;

/** Which backend answered, in which namespace, with which :authority and, over TLS, which SNI. */
function identityMismatches(backend: BackendExpectation, echo: EchoAccount): Mismatch[] {
  const found: Mismatch[] = [];
  if (backend.name !== undefined && !backendMatches(backend.name, echo)) found.push(mismatch('backend', backend.name, describeBackend(echo)));
  if (backend.namespace !== undefined && echo.namespace !== backend.namespace) found.push(mismatch('backend namespace', backend.namespace, echo.namespace || '(empty)'));
  if (backend.host !== undefined && echo.authority !== backend.host) found.push(mismatch('backend :authority', backend.host, echo.authority || '(empty)'));
  if (backend.serverName !== undefined && echo.tls?.serverName !== backend.serverName) {
    found.push(mismatch('backend serverName', backend.serverName, echo.tls ? JSON.stringify(echo.tls.serverName) : 'none: the call reached the backend without TLS'));
  }
  return found;
}

function metadataMismatches(backend: BackendExpectation, headers: EchoAccount['headers']): Mismatch[] {
  const found: Mismatch[] = [];
  for (const [name, value] of Object.entries(backend.headers ?? {})) {
    const received = headers[name.toLowerCase()];
    if (received === undefined) found.push(mismatch(`backend metadata ${name}`, value, '(absent)'));
    else if (received.join(',') !== value) found.push(mismatch(`backend metadata ${name}`, value, received.join(',')));
  }
  for (const name of backend.absentHeaders ?? []) {
    const received = headers[name.toLowerCase()];
    if (received !== undefined) found.push(mismatch(`backend metadata ${name}`, '(absent)', received.join(',')));
  }
  return found;
}
