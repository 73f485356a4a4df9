// The statistical half of a mirroredTo check with percentages: `samples` tagged requests (4 in flight), each
// response checked like any attempt, then the copies in the backends' logs judged (judge-mirrors.ts).
import type { RequestExpectation } from '../../scenario/scenario-types.ts';
import { type Attempt, attemptRequest } from '../await-expectation.ts';
import { checkExpectation, type RedirectContext } from '../expectation.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import type { ProbeRequest, ProbeTarget, sendRequest } from '../send-request.ts';
import { judgeMirrorShares, type MirrorWait } from './judge-mirrors.ts';
import type { PodLogSource } from './pod-logs.ts';
import { newRequestId } from './request-id.ts';
import { type TaggedRequest, tagRequest } from './tag-request.ts';

const CONCURRENCY = 4;

export interface MirrorSampling {
  target: ProbeTarget;
  request: ProbeRequest;
  expect: RequestExpectation;
  context: RedirectContext;
  samples: number;
  send: typeof sendRequest;
  podLogs: PodLogSource;
  wait: MirrorWait;
  /** Each sample's request and expectation before its mirror id is added; default `request` and `expect`. */
  prepare?: () => TaggedRequest;
}

export async function sampleMirrors(sampling: MirrorSampling): Promise<Mismatch[]> {
  const since = new Date();
  const answeredBy = new Map<string, string | undefined>();
  const namespaces = new Set<string>();
  const failures = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < sampling.samples) {
      next += 1;
      const id = newRequestId();
      const base = sampling.prepare?.() ?? { request: sampling.request, expect: sampling.expect };
      const one = tagRequest(base.request, base.expect, id);
      const result: Attempt = await attemptRequest(sampling.send, sampling.target, one.request, (response) => checkExpectation(one.expect, response, sampling.context));
      const [first] = result.mismatches;
      if (first) failures.set(first.text, (failures.get(first.text) ?? 0) + 1);
      else answeredBy.set(id, result.response?.echo?.pod);
      if (result.response?.echo?.namespace) namespaces.add(result.response.echo.namespace);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures.size > 0) {
    const reasons = [...failures].map(([text, count]) => `${text} x${count}`).join('; ');
    return [mismatch('samples', `all ${sampling.samples} responses as expected`, `${sampling.samples - answeredBy.size} that were not: ${reasons}`)];
  }
  return judgeMirrorShares(sampling.podLogs, sampling.expect.mirroredTo, { answeredBy, namespaces: [...namespaces], since }, sampling.wait);
}
