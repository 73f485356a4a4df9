// A k6 load run spread over runner pods of the cluster under test (a k6-operator TestRun): the script
// targets the Gateway's own address (what pods reach), the runners' summaries are merged into one result.
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import { k6TestRunManifests, runK6TestRun } from '../../../harness/load/k6/k6-operator.ts';
import { k6Result } from '../../../harness/load/k6/k6-result.ts';
import { generateK6Script } from '../../../harness/load/k6/k6-script.ts';
import type { LoadResult } from '../../../harness/load/load-result.ts';
import type { LoadSpec } from '../../../harness/scenario/scenario-types.ts';
import type { PodLogSource } from '../../../harness/traffic/mirror/pod-logs.ts';
import { GatewayAddressError } from '../gateway-endpoint.ts';

export { k6TestRunManifests };

async function gatewayAddress(kube: KubeClient, load: LoadSpec): Promise<string> {
  const { namespace, name } = load.gateway;
  const gateway = (await kube.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace, name })) as { status?: { addresses?: { value: string }[] } } | undefined;
  const address = gateway?.status?.addresses?.[0]?.value;
  if (address === undefined) throw new GatewayAddressError(`Gateway ${namespace}/${name} has no address in its status: the k6 runners have nothing to send to`);
  return address;
}

export async function runK6OperatorLoad(kube: KubeClient, logs: PodLogSource, load: LoadSpec, runners: number): Promise<LoadResult> {
  const address = await gatewayAddress(kube, load);
  const candidates = Object.keys(load.weights ?? {});
  const script = generateK6Script({
    baseUrl: `http://${address}:${load.port}`,
    request: load.request,
    model: load.model,
    ...(load.rate === undefined ? {} : { rate: load.rate }),
    durationSeconds: load.durationSeconds,
    connections: load.connections,
    timeoutSeconds: load.timeoutSeconds,
    candidates,
    thresholds: { maxErrors: load.expect.maxErrors, latencyMs: load.expect.latencyMs, ...(load.expect.requestsPerSecond === undefined ? {} : { requestsPerSecond: load.expect.requestsPerSecond }) },
  });
  const name = `gauntlet-${load.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'load'}`;
  const summary = await runK6TestRun(kube, logs, { name, namespace: load.gateway.namespace, parallelism: runners, script, durationSeconds: load.durationSeconds });
  return k6Result(summary, {
    name: load.name,
    model: load.model,
    target: { host: address, port: load.port },
    connections: load.connections,
    ...(load.rate === undefined ? {} : { rate: load.rate }),
    candidates,
    runners,
  });
}
