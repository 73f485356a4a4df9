// Brings up everything a run needs, in order: a cluster, the Gateway API CRDs, the implementation under test
// (the reference implementation unless another GatewayClass is named), and the base fixture, ready for traffic.

import type { Cluster } from '../cluster/cluster.ts';
import { connectKubeconfigCluster } from '../cluster/kubeconfig/kubeconfig-cluster.ts';
import { privilegedPortsFromEnv, startLocalClusterProvider } from '../cluster/local/local-cluster-provider.ts';
import { applyManifests } from '../kube/apply-manifests.ts';
import { awaitObject } from '../kube/await-object.ts';
import { conditionIs, deploymentAvailable } from '../kube/conditions.ts';
import { type CrdBundle, type GatewayApiChannel, resolveGatewayApiCrds } from '../kube/gateway-api-crds.ts';
import { connectKube, type KubeClient, refOf } from '../kube/kube-client.ts';
import type { LocatedManifest } from '../kube/manifest.ts';
import { conformanceCertificates, describeCertificates } from './conformance-certificates/conformance-certificates.ts';
import { type ContainerClusterChoice, startContainerCluster } from './container-cluster-choice.ts';
import { installGatewayApiCrds } from './gateway-api-install.ts';
import { defaultLiveRunsDir, registerLiveRun } from './live-runs.ts';
import type { Progress } from './progress.ts';
import { installReferenceImplementation } from './reference-implementation.ts';
import { referenceVariant } from './reference-variants.ts';
import { stopOnInterrupt } from './stop-on-interrupt.ts';

export type ClusterChoice =
  | {
      provider: 'local';
      stateDir: string;
      /** The command, as recorded in the checkout's live runs (default 'run'). */
      command?: string;
      /** Where live runs are recorded (default .gauntlet/runs in the working directory). */
      runsDir?: string;
    }
  | { provider: 'kubeconfig'; kubeconfigPath: string }
  | ContainerClusterChoice;

export interface EnvironmentOptions {
  cluster: ClusterChoice;
  gatewayClassName: string;
  /** The Gateway API release channel whose CRDs are installed; default standard. */
  channel?: GatewayApiChannel;
  baseFixture: LocatedManifest[];
  progress: Progress;
  /** How long to wait for each object to become ready. */
  readinessTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Environment {
  cluster: Cluster;
  kube: KubeClient;
  crds: CrdBundle;
}

export async function prepareEnvironment(options: EnvironmentOptions): Promise<Environment> {
  const { progress } = options;
  const timeoutMs = options.readinessTimeoutMs ?? 60_000;
  // Found before anything starts: a machine without the CRDs fails in a second, not after a cluster start.
  const crds = await resolveGatewayApiCrds({ channel: options.channel ?? 'standard' });
  const cluster = await progress.step(clusterLabel(options.cluster), () => startCluster(options, progress));
  stopOnInterrupt(() => cluster.stop());
  try {
    const kube = connectKube(cluster.kubeconfigPath);
    await progress.step('install Gateway API CRDs', async () => {
      const result = await installGatewayApiCrds(kube, crds);
      progress.info(
        `  ${crds.version} ${crds.channel} from ${crds.origin} (${crds.path}): ` +
          `${result.installed.length} installed, ${result.alreadyPresent.length} already present`,
      );
    });
    const variant = referenceVariant(options.gatewayClassName);
    if (variant) {
      const what = variant.deviation ? `the reference implementation altered (DEVIATE=${variant.deviation})` : 'the reference implementation';
      await progress.step(`install ${what}`, () => installReferenceImplementation(kube, { timeoutMs, variant }));
    } else {
      await progress.step(`check GatewayClass ${options.gatewayClassName} is accepted`, () =>
        awaitObject(kube, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: options.gatewayClassName }, {
          expectation: 'condition Accepted=True',
          check: conditionIs('Accepted', 'True'),
          timeoutMs,
        }),
      );
    }
    await progress.step('apply the base fixture', async () => {
      // With the TLS Secrets and CA ConfigMaps upstream's suite creates, so that upstream's manifests find them.
      const certificates = await conformanceCertificates(kube);
      progress.info(`  ${describeCertificates(certificates)}`);
      await applyBaseFixture(kube, [...options.baseFixture, ...certificates.manifests], timeoutMs);
    });
    return { cluster, kube, crds };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

function clusterLabel(choice: ClusterChoice): string {
  if (choice.provider === 'kubeconfig') return `connect to the cluster of ${choice.kubeconfigPath}`;
  return `start the ${choice.provider} cluster`;
}

async function startCluster(options: EnvironmentOptions, progress: Progress): Promise<Cluster> {
  const choice = options.cluster;
  if (choice.provider === 'kubeconfig') return connectKubeconfigCluster(choice.kubeconfigPath);
  if (choice.provider !== 'local') return startContainerCluster(choice, options.gatewayClassName, progress);
  const privilegedPorts = privilegedPortsFromEnv();
  // Recorded before it starts: if this process is killed, the next command stops what it left (dead-runs.ts).
  const unregister = await registerLiveRun(choice.runsDir ?? defaultLiveRunsDir(), choice.command ?? 'run', choice.stateDir);
  try {
    const cluster = await startLocalClusterProvider({ stateDir: choice.stateDir, privilegedPorts, ...(options.log ? { log: options.log } : {}) });
    progress.info(
      `  node ${cluster.nodeAddress}` +
        (cluster.mappedBelow > 0
          ? `; ports below ${cluster.mappedBelow} cannot be bound without privileges: pods get them mapped, Gateways are reached through their NodePorts on the node`
          : '; Gateways are reached on their own addresses'),
    );
    return {
      ...cluster,
      stop: async () => {
        await cluster.stop();
        await unregister();
      },
    };
  } catch (error) {
    await unregister();
    throw error;
  }
}

/** Applies the fixture and waits until its backends are available and its Gateways programmed. */
async function applyBaseFixture(kube: KubeClient, fixture: LocatedManifest[], timeoutMs: number): Promise<void> {
  await applyManifests(kube, fixture);
  const waits = fixture.flatMap(({ object }) => {
    if (object.kind === 'Deployment') {
      return [awaitObject(kube, refOf(object), { expectation: 'all replicas available', check: deploymentAvailable, timeoutMs })];
    }
    if (object.kind === 'Gateway') {
      return [awaitObject(kube, refOf(object), { expectation: 'condition Programmed=True', check: conditionIs('Programmed', 'True'), timeoutMs })];
    }
    return [];
  });
  await Promise.all(waits);
}
