// What the TCP echo backend says of a connection when asked (`TEST`): which pod answered, in which namespace,
// whether its own connection was TLS and the SNI it saw; checked against a tls: case's `backend`.
import type { BackendExpectation } from '../../scenario/scenario-types.ts';
import { backendMatches, describeBackend } from '../backend-identity.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';

export interface TcpEchoAccount {
  namespace: string;
  pod: string;
  service: string;
  isTLS: boolean;
  tls?: { serverName?: string };
}

/** Parses the echo's TEST line; undefined when it is not the echo's JSON. */
export function parseTcpEchoAccount(line: string): TcpEchoAccount | undefined {
  try {
    const value = JSON.parse(line) as Partial<TcpEchoAccount>;
    if (typeof value.pod !== 'string' || typeof value.isTLS !== 'boolean') return undefined;
    return { namespace: value.namespace ?? '', pod: value.pod, service: value.service ?? '', isTLS: value.isTLS, ...(value.tls ? { tls: value.tls } : {}) };
  } catch {
    return undefined;
  }
}

export function checkTcpEchoAccount(expect: BackendExpectation, account: TcpEchoAccount): Mismatch[] {
  const found: Mismatch[] = [];
  if (expect.name !== undefined && !backendMatches(expect.name, account)) found.push(mismatch('backend', expect.name, describeBackend(account)));
  if (expect.namespace !== undefined && account.namespace !== expect.namespace) found.push(mismatch('backend namespace', expect.namespace, account.namespace || '(empty)'));
  if (expect.tls !== undefined && account.isTLS !== expect.tls) {
    found.push(mismatch('backend tls', expect.tls ? 'a TLS connection (passthrough)' : 'a cleartext connection (terminated by the gateway)', account.isTLS ? 'TLS' : 'cleartext'));
  }
  const serverName = account.tls?.serverName ?? '';
  if (expect.serverName !== undefined && serverName !== expect.serverName) found.push(mismatch('backend serverName', JSON.stringify(expect.serverName), JSON.stringify(serverName)));
  return found;
}
