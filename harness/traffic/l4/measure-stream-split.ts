// A weighted split of TCP connections or UDP flows: `samples` fresh connections (each asks the TCP echo for its
// account) or datagrams from fresh client sockets (each a new flow, answered by the UDP echo), counted by the
// backend that answered and judged with the same split test as HTTP's (split-verdict.ts). A sample that gets
// no answer is a failure and fails the measurement. Before measuring, awaitStreamAnswer waits until one sample
// is answered at all (the route may still be propagating).
import type { SplitProbe } from '../../scenario/scenario-types.ts';
import { awaitConsistent, type ExpectationOutcome } from '../await-expectation.ts';
import { describeBackend, identifyBackend } from '../backend-identity.ts';
import { mismatch } from '../mismatch.ts';
import type { ProbeTarget } from '../send-request.ts';
import { type SplitMeasurement, tallySplit } from '../tally-split.ts';
import { probeTcpEcho } from './tcp-echo-probe.ts';
import { probeUdp } from './udp-probe.ts';

export type StreamSplitProbe = Exclude<SplitProbe, { protocol: 'http' }>;

const TCP_TIMEOUT_MS = 5000;
const UDP_TIMEOUT_MS = 2000;

type Sample = { account: { pod: string; service: string } } | { failure: string };

async function sampleOnce(target: ProbeTarget, probe: StreamSplitProbe): Promise<Sample> {
  const outcome = probe.protocol === 'tcp' ? await probeTcpEcho(target, [], TCP_TIMEOUT_MS) : await probeUdp(target, { send: probe.send }, UDP_TIMEOUT_MS);
  if ('mismatches' in outcome) return { failure: outcome.mismatches.map((item) => item.text).join('; ') };
  if ('account' in outcome) return { account: outcome.account };
  if ('echo' in outcome) return { account: outcome.echo };
  return { failure: 'a DNS answer, not an echo account' };
}

/** Waits (within `timeoutMs`) until samples are answered consistently, as a request case's expectation is. */
export function awaitStreamAnswer(target: ProbeTarget, probe: StreamSplitProbe, timeoutMs: number): Promise<ExpectationOutcome> {
  return awaitConsistent(
    async () => {
      const sample = await sampleOnce(target, probe);
      return { mismatches: 'failure' in sample ? [mismatch(probe.protocol, 'an answer from an echo backend', sample.failure)] : [] };
    },
    { timeoutMs },
  );
}

export function measureStreamSplit(target: ProbeTarget, probe: StreamSplitProbe, expectedWeights: Record<string, number>, samples: number, concurrency = 4): Promise<SplitMeasurement> {
  const backends = Object.keys(expectedWeights);
  const takeSample = async () => {
    const sample = await sampleOnce(target, probe);
    if ('failure' in sample) return sample;
    return { backend: identifyBackend(backends, sample.account) ?? (sample.account.service || describeBackend(sample.account)) };
  };
  return tallySplit(takeSample, expectedWeights, { samples, concurrency, noun: probe.protocol === 'tcp' ? 'connections' : 'datagrams' });
}
