// Pods of a namespace and their logs, through the Kubernetes API (pods list, pods/log with sinceTime), as
// upstream conformance reads mirrored requests. An interface, so mirror checks are tested without a cluster.
import { Writable } from 'node:stream';
import { CoreV1Api, type KubeConfig, Log } from '@kubernetes/client-node';

export interface PodSummary {
  namespace: string;
  name: string;
  container: string;
  labels: Record<string, string>;
}

export interface PodLogSource {
  pods(namespace: string): Promise<PodSummary[]>;
  /** The pod's log since about `since` (servers cut at whole seconds; some ignore it and send it all). */
  log(pod: PodSummary, since: Date): Promise<string>;
}

const LOG_TIMEOUT_MS = 10_000;

/** RFC 3339 at whole seconds, one second early: sinceTime has a granularity of one second. */
function sinceTime(since: Date): string {
  return new Date(Math.floor(since.getTime() / 1000) * 1000 - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createPodLogSource(config: KubeConfig): PodLogSource {
  const core = config.makeApiClient(CoreV1Api);
  const logs = new Log(config);
  return {
    async pods(namespace) {
      const list = await core.listNamespacedPod({ namespace });
      return list.items.map((pod) => ({
        namespace,
        name: pod.metadata?.name ?? '',
        container: pod.spec?.containers[0]?.name ?? '',
        labels: pod.metadata?.labels ?? {},
      }));
    },
    async log(pod, since) {
      const chunks: Buffer[] = [];
      const finished = new Promise<void>((resolve, reject) => {
        const sink = new Writable({
          write(chunk: Buffer, _encoding, callback) {
            chunks.push(chunk);
            callback();
          },
        });
        sink.on('finish', resolve);
        sink.on('error', reject);
        logs.log(pod.namespace, pod.name, pod.container, sink, { sinceTime: sinceTime(since) }).catch(reject);
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no log of pod ${pod.namespace}/${pod.name} within ${LOG_TIMEOUT_MS / 1000}s`)), LOG_TIMEOUT_MS);
      });
      await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
