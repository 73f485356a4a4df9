// CPU and memory of a component's pods while a stage runs, read from /proc: the local cluster runs each
// container as a host process and says so in its containerID (process://<pid>). Pods of other clusters
// are not host processes: for them nothing is measured and the result says so by being empty.
import { readFileSync } from 'node:fs';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ComponentUsage } from '../../../harness/load/control-plane-result.ts';

export interface Component {
  name: string;
  /** Namespace to look in; undefined: every namespace. */
  namespace?: string;
  labelSelector: string;
}

/** Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every common build. */
const MS_PER_TICK = 10;
const SAMPLE_MS = 100;

function cpuMsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

function rssMiBOf(pid: number): number {
  try {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? 0 : Number(kib) / 1024;
  } catch {
    return 0;
  }
}

async function processesOf(kube: KubeClient, component: Component): Promise<{ pod: string; pid: number }[]> {
  const list = await kube.objects.list('v1', 'Pod', component.namespace, undefined, undefined, undefined, undefined, component.labelSelector);
  return (list.items as (KubernetesObject & { status?: { containerStatuses?: { containerID?: string }[] } })[]).flatMap((pod) =>
    (pod.status?.containerStatuses ?? []).flatMap((container) => {
      const pid = /^process:\/\/(\d+)$/.exec(container.containerID ?? '')?.[1];
      return pid === undefined ? [] : [{ pod: pod.metadata?.name ?? '', pid: Number(pid) }];
    }),
  );
}

/** The reference implementation's controller and the proxy of `gateway`, by the labels they carry. */
export function referenceComponents(gateway: { namespace: string; name: string }): Component[] {
  return [
    { name: 'controller', labelSelector: 'app.kubernetes.io/name=gauntlet-controller' },
    { name: 'proxy', namespace: gateway.namespace, labelSelector: `gateway.networking.k8s.io/gateway-name=${gateway.name}` },
  ];
}

export interface UsageSampler {
  /** Stops sampling; per component the CPU used since start and the peak resident memory. */
  stop(): ComponentUsage[];
}

export async function sampleUsage(kube: KubeClient, components: readonly Component[]): Promise<UsageSampler> {
  const tracked = await Promise.all(
    components.map(async (component) => {
      const processes = await processesOf(kube, component);
      return { component, processes, cpuBefore: processes.map(({ pid }) => cpuMsOf(pid) ?? 0), peak: 0 };
    }),
  );
  const started = performance.now();
  const sample = () => {
    for (const entry of tracked) entry.peak = Math.max(entry.peak, entry.processes.reduce((sum, { pid }) => sum + rssMiBOf(pid), 0));
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const wallMs = performance.now() - started;
      return tracked
        .filter((entry) => entry.processes.length > 0)
        .map((entry) => {
          const cpuMs = entry.processes.reduce((sum, { pid }, index) => sum + Math.max(0, (cpuMsOf(pid) ?? 0) - (entry.cpuBefore[index] ?? 0)), 0);
          return {
            component: entry.component.name,
            pods: [...new Set(entry.processes.map(({ pod }) => pod))],
            cpuMs,
            cores: Math.round((cpuMs / wallMs) * 100) / 100,
            peakRssMiB: Math.round(entry.peak * 10) / 10,
          };
        });
    },
  };
}
