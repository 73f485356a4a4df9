// Runs one `grpc:` request case, held 3 times in a row like every request case, each call on a fresh channel:
// the call's gRPC status and the echo's account of it, judged by check-grpc-call.ts. Over TLS the CA named by
// the case is read from the cluster first.
import type { GrpcCallCaseSpec, RequestCase, SentRequestOf } from '../../scenario/scenario-types.ts';
import { awaitConsistent, type ExpectationOutcome } from '../await-expectation.ts';
import type { CaseDependencies } from '../http-case.ts';
import type { ProbeTarget } from '../send-request.ts';
import { checkGrpcCall } from './check-grpc-call.ts';
import { callGrpcEcho, type GrpcCallSpec } from './grpc-echo-call.ts';

/** The call as the client makes it: the CA (when the case names one) read from the cluster. */
export async function resolveGrpcCall(call: GrpcCallCaseSpec, readCertificateAuthority: CaseDependencies['readCertificateAuthority']): Promise<GrpcCallSpec> {
  const { tls, ...rest } = call;
  const spec: GrpcCallSpec = { ...rest };
  if (tls !== undefined) {
    const ca = tls.ca === undefined ? undefined : await readCertificateAuthority?.(tls.ca);
    spec.tls = { ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }), ...(ca === undefined ? {} : { ca }) };
  }
  return spec;
}

export async function runGrpcCallCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'grpc'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { protocol: _protocol, ...call } = requestCase.request;
  const spec = await resolveGrpcCall(call, deps.readCertificateAuthority);
  const code = requestCase.expect.grpc?.code ?? 0;
  const attempt = async () => ({ mismatches: checkGrpcCall(code, requestCase.expect.backend, await callGrpcEcho(target, spec)) });
  return awaitConsistent(attempt, { timeoutMs: deps.trafficMs });
}
