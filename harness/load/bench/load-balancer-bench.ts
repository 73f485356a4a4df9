// `npm run bench:load -- --lb`: does the local cluster's LoadBalancer distort figures? wrk against one echo pod
// dialed directly and through its Service's entry, side by side in interleaved rounds, in two clusters: one
// binding port 80 on the LoadBalancer address (as root), one serving it through its NodePort on the node's
// address (as an ordinary user does; forced with privilegedPorts 'mapped' so root measures that path too).
// The goal: each Service path at no more than 5% below its pod (ratio at least 0.95).
import type { ContenderFigures } from './bench-figures.ts';
import { figuresOf, formatFigures, withRatios } from './bench-figures.ts';
import { type EchoBehindLoadBalancer, startEchoBehindLoadBalancer } from './echo-behind-load-balancer.ts';
import { type GeneratorRun, runGenerator } from './generator-run.ts';

export interface LoadBalancerBenchOptions {
  seconds: number;
  rounds: number;
  connections: number;
  cpuPrefix: string[];
  log: (line: string) => void;
}

export interface LoadBalancerBenchResult {
  /** Per cluster: the pod (baseline) and the Service path, with its ratio to the pod. */
  clusters: { name: string; entry: string; contenders: ContenderFigures[]; met: boolean }[];
}

export const LB_GOAL_RATIO = 0.95;

export async function runLoadBalancerBench(options: LoadBalancerBenchOptions): Promise<LoadBalancerBenchResult> {
  const setups: { name: string; setup: EchoBehindLoadBalancer }[] = [];
  try {
    setups.push({ name: 'loadbalancer', setup: await startEchoBehindLoadBalancer('auto') });
    setups.push({ name: 'nodeport', setup: await startEchoBehindLoadBalancer('mapped') });
    const targets = setups.flatMap(({ name, setup }) => [
      { key: `${name}:pod`, target: setup.pod },
      { key: `${name}:service`, target: setup.service },
    ]);
    const runs = new Map<string, GeneratorRun[]>(targets.map(({ key }) => [key, []]));
    const generatorOptions = { connections: options.connections, cpuPrefix: options.cpuPrefix };
    for (const { target } of targets) await runGenerator('wrk', target, { ...generatorOptions, seconds: 1 }); // warm-up
    for (let round = 0; round < options.rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const { key, target } = targets[(round + i) % targets.length] ?? (targets[0] as (typeof targets)[number]);
        const run = await runGenerator('wrk', target, { ...generatorOptions, seconds: options.seconds });
        runs.get(key)?.push(run);
        options.log(`  round ${round + 1} ${key} (${target.host}:${target.port}): ${Math.round(run.requests / run.seconds)} req/s`);
      }
    }
    return {
      clusters: setups.map(({ name, setup }) => {
        const contenders = withRatios([figuresOf('pod', runs.get(`${name}:pod`) ?? []), figuresOf(name, runs.get(`${name}:service`) ?? [])], 'pod');
        const ratio = contenders[1]?.ratio?.requestsPerSecond ?? 0;
        return { name, entry: `${setup.service.host}:${setup.service.port}`, contenders, met: ratio >= LB_GOAL_RATIO };
      }),
    };
  } finally {
    await Promise.all(setups.map(({ setup }) => setup.stop()));
  }
}

export function formatLoadBalancerBench(result: LoadBalancerBenchResult): string[] {
  return result.clusters.flatMap(({ name, entry, contenders, met }) => {
    const ratio = contenders[1]?.ratio?.requestsPerSecond ?? 0;
    return [
      `${name} (Service entry ${entry}):`,
      ...formatFigures(contenders, 'pod').map((line) => `  ${line}`),
      `  goal: at least ${LB_GOAL_RATIO} of the pod's requests/s: ${ratio.toFixed(3)} (${met ? 'met' : 'NOT met'})`,
    ];
  });
}
