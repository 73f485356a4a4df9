// Test helper: pods whose logs the test writes, served through the PodLogSource interface, so mirror checks
// run without a cluster. Lines are written in the reference echo's JSON form or upstream's text form.
import type { PodLogSource, PodSummary } from '../../../harness/traffic/mirror/pod-logs.ts';

export interface FakePodLogs extends PodLogSource {
  /** Logs a request the pod answered, now or after `delayMs` (a mirror is sent on the side). */
  logRequest(pod: string, path: string, delayMs?: number): void;
  reads: number;
}

export function fakePodLogs(namespace: string, pods: string[], format: 'json' | 'upstream' = 'json'): FakePodLogs {
  const lines = new Map<string, string[]>(pods.map((pod) => [pod, ['{"level":30,"msg":"echo server listening"}']]));
  const line = (path: string) =>
    format === 'json'
      ? JSON.stringify({ level: 30, time: Date.now(), name: 'echo', msg: 'request', method: 'GET', path, host: 'x', headers: {} })
      : `2026/12/02 18:00:00 Echoing back request made to ${path} to client (127.0.0.1:4000)`;
  const summary = (name: string): PodSummary => ({ namespace, name, container: 'echo', labels: {} });
  const fake: FakePodLogs = {
    reads: 0,
    logRequest(pod, path, delayMs = 0) {
      const write = () => lines.get(pod)?.push(line(path));
      if (delayMs === 0) write();
      else setTimeout(write, delayMs);
    },
    pods: async (asked) => (asked === namespace ? pods.map(summary) : []),
    async log(pod) {
      fake.reads += 1;
      return `${(lines.get(pod.name) ?? []).join('\n')}\n`;
    },
  };
  return fake;
}
