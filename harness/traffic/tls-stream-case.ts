// Runs one `tls:` request case, 3 times in a row on fresh connections like every request case: the handshake
// (SNI, ALPN, the server certificate verified against the case's CA, a client certificate when asked for), then
// either the refusal the case expects (`handshake: fails`), or what the session settled (`tls`), the exchange
// step by step, and, with `backend`, the TCP echo's own account of the connection (it is sent `TEST` after the
// exchange, which must have read everything the backend sent before, such as its welcome line).
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { type Attempt, awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import type { CaseDependencies } from './http-case.ts';
import { type Mismatch, mismatch } from './mismatch.ts';
import type { ProbeTarget } from './send-request.ts';
import { sameDnsNames } from './tls/certificate-names.ts';
import { type HandshakeOutcome, openTlsStream, type TlsStreamOptions } from './tls-stream/open-tls-stream.ts';
import { StreamReader } from './tls-stream/stream-reader.ts';
import { checkTcpEchoAccount, parseTcpEchoAccount } from './tls-stream/tcp-echo-account.ts';

/** How long one handshake, and each read of the exchange, may take. */
const STEP_TIMEOUT_MS = 5000;

export class ClientCertificateUnreadableError extends Error {
  readonly code = 'GAUNTLET_CLIENT_CERTIFICATE_UNREADABLE';
  constructor(where: string) {
    super(`${where}: tls: names a clientCertificate, and this run cannot read objects from the cluster`);
    this.name = 'ClientCertificateUnreadableError';
  }
}

type TlsCase = RequestCase<SentRequestOf<'tls'>>;

export async function runTlsStreamCase(target: ProbeTarget, requestCase: TlsCase, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const where = `${requestCase.source.file}:${requestCase.source.line}`;
  const { request } = requestCase;
  const options: TlsStreamOptions = { alpn: request.alpn, ...(request.serverName === undefined ? {} : { serverName: request.serverName }) };
  if (request.ca !== undefined) {
    if (!deps.readCertificateAuthority) throw new Error(`${where}: tls: names a ca, and this run cannot read objects from the cluster`);
    options.ca = await deps.readCertificateAuthority(request.ca);
  }
  if (request.clientCertificate !== undefined) {
    if (!deps.readClientCertificate) throw new ClientCertificateUnreadableError(where);
    options.clientCertificate = await deps.readClientCertificate(request.clientCertificate);
  }
  const attempt = async (): Promise<Attempt> => {
    const outcome = await openTlsStream(target, options, STEP_TIMEOUT_MS);
    try {
      return { mismatches: requestCase.expect.handshake === 'fails' ? expectRefusal(outcome) : await expectSession(outcome, requestCase) };
    } finally {
      if ('socket' in outcome) outcome.socket.destroy();
    }
  };
  return awaitConsistent(attempt, { timeoutMs: deps.trafficMs });
}

function expectRefusal(outcome: HandshakeOutcome): Mismatch[] {
  const expected = 'the handshake refused by the gateway';
  switch (outcome.kind) {
    case 'refused':
      return [];
    case 'completed':
      return [mismatch('handshake', expected, `a completed handshake (certificate for ${outcome.dnsNames.join(', ') || 'no DNS name'})`)];
    case 'untrusted':
      return [mismatch('handshake', expected, `a completed handshake with a certificate the client does not trust (${outcome.reason})`)];
    case 'unreachable':
      return [mismatch('connection', expected, `no TLS server reached (${outcome.reason})`)];
  }
}

async function expectSession(outcome: HandshakeOutcome, requestCase: TlsCase): Promise<Mismatch[]> {
  if (outcome.kind === 'refused' || outcome.kind === 'unreachable') return [mismatch('connection', 'a completed TLS handshake', outcome.reason)];
  if (outcome.kind === 'untrusted') return [mismatch('tls certificate', 'a certificate the case CA vouches for, naming the SNI', outcome.reason)];
  const { expect, request } = requestCase;
  const found: Mismatch[] = [];
  if (expect.tls?.alpn !== undefined && outcome.alpn !== expect.tls.alpn) found.push(mismatch('tls alpn', expect.tls.alpn, outcome.alpn ?? '(none chosen)'));
  const dnsNames = expect.tls?.certificate?.dnsNames;
  if (dnsNames !== undefined && !sameDnsNames(dnsNames, outcome.dnsNames)) found.push(mismatch('tls certificate', `DNS names ${dnsNames.join(', ')}`, outcome.dnsNames.join(', ') || '(none)'));
  if (found.length > 0) return found;
  const reader = new StreamReader(outcome.socket);
  try {
    for (const [index, step] of request.exchange.entries()) {
      if (step.send !== undefined) outcome.socket.write(step.send);
      if (step.receive === undefined) continue;
      const received = await reader.readExpected(step.receive, STEP_TIMEOUT_MS);
      if (received !== step.receive) return [mismatch(`exchange[${index}] received`, JSON.stringify(step.receive), JSON.stringify(received))];
    }
    if (expect.backend === undefined) return [];
    outcome.socket.write('TEST\n');
    const line = await reader.readLine(STEP_TIMEOUT_MS);
    const account = parseTcpEchoAccount(line);
    if (account === undefined) return [mismatch('backend', "the TCP echo's answer to TEST (read earlier lines, such as its welcome, in exchange)", JSON.stringify(line))];
    return checkTcpEchoAccount(expect.backend, account);
  } catch (error) {
    return [mismatch('exchange', 'the conversation to complete', error instanceof Error ? error.message : String(error))];
  }
}

