// A weighted split of gRPC calls, as upstream's GRPCRouteWeight judges one: `samples` calls, each on a fresh
// channel (a new HTTP/2 connection, so the gateway chooses anew), counted by the backend the echo says answered
// and judged with the same split test as HTTP's (split-verdict.ts). A call that does not end OK with an echo
// answer is a failure and fails the measurement. awaitGrpcAnswer first waits until calls succeed consistently
// (the route may still be propagating).
import { awaitConsistent, type ExpectationOutcome } from '../await-expectation.ts';
import { describeBackend, identifyBackend } from '../backend-identity.ts';
import type { SplitMeasurement } from '../measure-split.ts';
import { mismatch } from '../mismatch.ts';
import type { ProbeTarget } from '../send-request.ts';
import { judgeSplit } from '../split-verdict.ts';
import { callGrpcEcho, type GrpcCallSpec } from './grpc-echo-call.ts';
import { describeGrpcStatus } from './grpc-status-names.ts';

type Sample = { backend: { pod: string; service: string } } | { failure: string };

async function sampleOnce(target: ProbeTarget, call: GrpcCallSpec): Promise<Sample> {
  const outcome = await callGrpcEcho(target, call);
  if (outcome.code !== 0) return { failure: `${describeGrpcStatus(outcome.code)}${outcome.details === '' ? '' : `: ${outcome.details}`}` };
  return outcome.echo === undefined ? { failure: 'an OK answer without the echo account' } : { backend: outcome.echo };
}

export function awaitGrpcAnswer(target: ProbeTarget, call: GrpcCallSpec, timeoutMs: number): Promise<ExpectationOutcome> {
  return awaitConsistent(
    async () => {
      const sample = await sampleOnce(target, call);
      return { mismatches: 'failure' in sample ? [mismatch('grpc', 'an OK answer from the gRPC echo', sample.failure)] : [] };
    },
    { timeoutMs },
  );
}

export async function measureGrpcSplit(target: ProbeTarget, call: GrpcCallSpec, expectedWeights: Record<string, number>, samples: number, concurrency = 4): Promise<SplitMeasurement> {
  const backends = Object.keys(expectedWeights);
  const counts: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < samples) {
      next += 1;
      const sample = await sampleOnce(target, call);
      if ('failure' in sample) failures[sample.failure] = (failures[sample.failure] ?? 0) + 1;
      else {
        const backend = identifyBackend(backends, sample.backend) ?? (sample.backend.service || describeBackend(sample.backend));
        counts[backend] = (counts[backend] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const verdict = judgeSplit(counts, expectedWeights);
  const failed = Object.entries(failures);
  if (failed.length > 0) {
    verdict.problems.unshift(`${failed.reduce((sum, [, count]) => sum + count, 0)} of ${samples} calls failed: ${failed.map(([reason, count]) => `${reason} x${count}`).join(', ')}`);
    verdict.passed = false;
  }
  return { counts, failures, verdict };
}
