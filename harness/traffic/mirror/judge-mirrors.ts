// Judges mirrored copies from the backends' logs. Two ways, by what the scenario states:
//   every request mirrored (no percent): each listed backend logged a copy of each request of the passing
//     streak; logs are read again until they all appear or the wait ends (a mirror is sent on the side and
//     may be logged after the response arrives);
//   percentages: over `samples` requests, each listed backend's share of copies passes an exact binomial
//     test at significance 0.001 (a backend without percent must get them all); logs are read until the
//     counts stop growing.
// Both also require that no pod outside the listed backends (in the namespaces read) logged a copy.
import type { MirrorExpectation } from '../../scenario/scenario-types.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import { binomialTwoSidedPValue } from './binomial-test.ts';
import { type CopyCount, countCopies, podOfBackend } from './mirror-copies.ts';
import type { PodLogSource } from './pod-logs.ts';

export const MIRROR_SIGNIFICANCE = 0.001;

export interface SentRequests {
  /** Request id -> the pod that answered it (from the echo body), if one did. */
  answeredBy: Map<string, string | undefined>;
  /** Namespaces of the answering pods: copies there outside the listed backends are looked for too. */
  namespaces: string[];
  since: Date;
}

export interface MirrorWait {
  waitMs: number;
  intervalMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function mirroredIds(count: CopyCount, mirror: MirrorExpectation): Set<string> {
  const ids = new Set<string>();
  for (const { pod, copies } of count.pods) if (pod.namespace === mirror.namespace && podOfBackend(pod, mirror.backend)) for (const id of copies.keys()) ids.add(id);
  return ids;
}

function strayCopies(count: CopyCount, mirrors: readonly MirrorExpectation[]): Mismatch[] {
  return count.pods
    .filter(({ pod, copies }) => copies.size > 0 && !mirrors.some((mirror) => mirror.namespace === pod.namespace && podOfBackend(pod, mirror.backend)))
    .map(({ pod, copies }) => mismatch(`mirror at ${pod.namespace}/${pod.name}`, 'no copy (not in mirroredTo)', `${[...copies.values()].reduce((sum, n) => sum + n, 0)} copies`));
}

function unreadableNote(count: CopyCount): Mismatch[] {
  return count.unreadable.length === 0 ? [] : [mismatch('pod logs', 'readable', `unreadable: ${count.unreadable.join('; ')}`)];
}

const namespacesOf = (mirrors: readonly MirrorExpectation[], sent: SentRequests) => [...mirrors.map((mirror) => mirror.namespace), ...sent.namespaces];

export async function awaitEveryCopy(source: PodLogSource, mirrors: readonly MirrorExpectation[], sent: SentRequests, wait: MirrorWait): Promise<Mismatch[]> {
  const deadline = Date.now() + wait.waitMs;
  for (;;) {
    const count = await countCopies(source, namespacesOf(mirrors, sent), sent.answeredBy, sent.since);
    const missing = mirrors.map((mirror) => ({ mirror, got: mirroredIds(count, mirror).size })).filter(({ got }) => got < sent.answeredBy.size);
    if (missing.length === 0 || Date.now() >= deadline) {
      const lacking = missing.map(({ mirror, got }) => mismatch(`mirror ${mirror.namespace}/${mirror.backend}`, `a copy of each of ${sent.answeredBy.size} requests`, `${got}`));
      return [...lacking, ...strayCopies(count, mirrors), ...(lacking.length > 0 ? unreadableNote(count) : [])];
    }
    await sleep(wait.intervalMs);
  }
}

function judgeShare(mirror: MirrorExpectation, got: number, total: number): Mismatch[] {
  if (mirror.percent === undefined) return got === total ? [] : [mismatch(`mirror ${mirror.namespace}/${mirror.backend}`, `a copy of each of ${total} requests`, `${got}`)];
  const pValue = binomialTwoSidedPValue(got, total, mirror.percent / 100);
  if (pValue >= MIRROR_SIGNIFICANCE) return [];
  const share = `${got} of ${total} (${((100 * got) / total).toFixed(1)}%, binomial p = ${pValue.toExponential(2)} < ${MIRROR_SIGNIFICANCE})`;
  return [mismatch(`mirror ${mirror.namespace}/${mirror.backend}`, `${mirror.percent}% of ${total} requests mirrored`, share)];
}

export async function judgeMirrorShares(source: PodLogSource, mirrors: readonly MirrorExpectation[], sent: SentRequests, wait: MirrorWait): Promise<Mismatch[]> {
  const deadline = Date.now() + wait.waitMs;
  let previous = -1;
  let count: CopyCount;
  // Copies trail their responses: read until two reads in a row find the same number of them.
  for (;;) {
    await sleep(wait.intervalMs);
    count = await countCopies(source, namespacesOf(mirrors, sent), sent.answeredBy, sent.since);
    const total = count.pods.reduce((sum, { copies }) => sum + copies.size, 0);
    if (total === previous || Date.now() >= deadline) break;
    previous = total;
  }
  const shares = mirrors.flatMap((mirror) => judgeShare(mirror, mirroredIds(count, mirror).size, sent.answeredBy.size));
  return [...shares, ...strayCopies(count, mirrors), ...(shares.length > 0 ? unreadableNote(count) : [])];
}
