// Waits until an object satisfies a check, polling the API with a bounded number of reads. On time-out the
// error shows what was expected and what the object last looked like, so a failure explains itself.
import type { KubernetesObject } from '@kubernetes/client-node';
import { qualifiedName } from './kube-api-error.ts';
import type { KubeClient, ObjectRef } from './kube-client.ts';

export class AwaitTimeoutError extends Error {
  readonly code = 'GAUNTLET_AWAIT_TIMEOUT';
  readonly lastSeen: KubernetesObject | undefined;
  constructor(message: string, lastSeen: KubernetesObject | undefined) {
    super(message);
    this.name = 'AwaitTimeoutError';
    this.lastSeen = lastSeen;
  }
}

/** A check returns true when satisfied, or a string saying what is still missing. */
export type ObjectCheck = (object: KubernetesObject) => boolean | string;

export interface AwaitOptions {
  expectation: string;
  check: ObjectCheck;
  timeoutMs: number;
  intervalMs?: number;
}

export async function awaitObject(client: KubeClient, ref: ObjectRef, options: AwaitOptions): Promise<KubernetesObject> {
  const interval = options.intervalMs ?? 100;
  const attempts = Math.max(1, Math.ceil(options.timeoutMs / interval));
  const deadline = Date.now() + options.timeoutMs;
  let lastSeen: KubernetesObject | undefined;
  let lastVerdict: string = 'the object does not exist';
  for (let attempt = 0; attempt < attempts && Date.now() <= deadline; attempt++) {
    lastSeen = await client.read(ref);
    if (lastSeen) {
      const verdict = options.check(lastSeen);
      if (verdict === true) return lastSeen;
      lastVerdict = verdict === false ? 'not yet' : verdict;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const name = `${ref.kind} ${qualifiedName(ref)}`;
  throw new AwaitTimeoutError(
    `${name}: expected ${options.expectation} within ${options.timeoutMs / 1000}s; got: ${lastVerdict}`,
    lastSeen,
  );
}

/** Waits until the object is gone. */
export async function awaitDeletion(client: KubeClient, ref: ObjectRef, timeoutMs: number): Promise<void> {
  const interval = 100;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    if (!(await client.read(ref))) return;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new AwaitTimeoutError(`${ref.kind} ${qualifiedName(ref)}: still present ${timeoutMs / 1000}s after deletion`, undefined);
}
