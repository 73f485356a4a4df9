// A weighted split of gRPC calls, as upstream's GRPCRouteWeight judges one: `samples` calls, each on a fresh
// channel (a new HTTP/2 connection, so the gateway chooses anew), counted by the backend the echo says answered
// and judged with the same split test as HTTP's (tally-split.ts). A call that does not end OK with an echo
// answer is a failure and fails the measurement. awaitGrpcAnswer first waits until calls succeed consistently
// (the route may still be propagating).
import { awaitConsistent, type ExpectationOutcome } from '../await-expectation.ts';
import { describeBackend, identifyBackend } from '../backend-identity.ts';
import { mismatch } from '../mismatch.ts';
import type { ProbeTarget } from '../send-request.ts';
import { type SplitMeasurement, tallySplit } from '../tally-split.ts';
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

export function measureGrpcSplit(target: ProbeTarget, call: GrpcCallSpec, expectedWeights: Record<string, number>, samples: number, concurrency = 4): Promise<SplitMeasurement> {
  const backends = Object.keys(expectedWeights);
  const takeSample = async () => {
    const sample = await sampleOnce(target, call);
    if ('failure' in sample) return sample;
    return { backend: identifyBackend(backends, sample.backend) ?? (sample.backend.service || describeBackend(sample.backend)) };
  };
  return tallySplit(takeSample, expectedWeights, { samples, concurrency, noun: 'calls' });
}
