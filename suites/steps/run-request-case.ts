// The step dispatch for request cases: one runner per protocol key of the scenario format
// (harness/scenario/format/protocol-requests.ts). A protocol added there without a case here fails the type
// check (the function would lack a return), so the two cannot drift apart.
import type { RequestCase } from '../../harness/scenario/scenario-types.ts';
import type { ExpectationOutcome } from '../../harness/traffic/await-expectation.ts';
import { runGrpcCallCase } from '../../harness/traffic/grpc/grpc-call-case.ts';
import { type CaseDependencies, runHttpCase } from '../../harness/traffic/http-case.ts';
import { runHttpsCase } from '../../harness/traffic/https-case.ts';
import type { ProbeTarget } from '../../harness/traffic/send-request.ts';
import { runTcpStreamCase } from '../../harness/traffic/tcp-stream-case.ts';
import { runTlsStreamCase } from '../../harness/traffic/tls-stream-case.ts';
import { runUdpDatagramCase } from '../../harness/traffic/udp-datagram-case.ts';
import { runWebSocketCase } from '../../harness/traffic/websocket-case.ts';

export function runRequestCase(target: ProbeTarget, requestCase: RequestCase, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { request } = requestCase;
  switch (request.protocol) {
    case 'http':
    case 'h2c':
      return runHttpCase(target, { ...requestCase, request }, deps);
    case 'https':
      return runHttpsCase(target, { ...requestCase, request }, deps);
    case 'websocket':
      return runWebSocketCase(target, { ...requestCase, request }, deps);
    case 'tls':
      return runTlsStreamCase(target, { ...requestCase, request }, deps);
    case 'tcp':
      return runTcpStreamCase(target, { ...requestCase, request }, deps);
    case 'udp':
      return runUdpDatagramCase(target, { ...requestCase, request }, deps);
    case 'grpc':
      return runGrpcCallCase(target, { ...requestCase, request }, deps);
  }
}
