// `--cluster k3s`: a k3s server in one container through @testcontainers/k3s, in this order: the engine's
// cgroup version, a network of its own, the images the run needs saved into k3s's images folder (k3s imports
// every archive there when it starts: no registry involved), the server started with Traefik and its own
// ServiceLB disabled (ServiceLB serves every LoadBalancer on the node's address, so two Gateways on port 80
// could not both get one) and, on a cgroup v1 host, the kubelet told to run anyway (Kubernetes 1.35 refuses
// otherwise), its kubeconfig taken (pointing at the mapped API port), and MetalLB installed for Gateway addresses.
import { join } from 'node:path';
import { connectKube } from '../../kube/kube-client.ts';
import type { Cluster } from '../cluster.ts';
import { containerCluster, rewriteKubeconfigServer, writeKubeconfig } from '../containers/container-cluster.ts';
import { type NodeRuntime, NodeStartError } from '../containers/node-runtime.ts';
import { installMetalLb } from '../load-balancer/metallb.ts';

export const DEFAULT_K3S_IMAGE = 'rancher/k3s:v1.35.0-k3s1';
const IMAGES_FOLDER = '/var/lib/rancher/k3s/agent/images';

/** What @testcontainers/k3s is asked for; testcontainers-k3s.ts turns it into a K3sContainer. */
export interface K3sServerSpec {
  image: string;
  name: string;
  command: string[];
  network: string;
  labels: Record<string, string>;
  filesBeforeStart: { source: string; target: string }[];
  autoCleanup: boolean;
}

export interface StartedK3sServer {
  readonly name: string;
  /** The server's kubeconfig, its server the API port as mapped on this host. */
  kubeconfig(): string;
  stop(): Promise<void>;
}

export interface K3sClusterOptions {
  runtime: NodeRuntime;
  startServer: (spec: K3sServerSpec) => Promise<StartedK3sServer>;
  stateDir: string;
  clusterName: string;
  image?: string;
  images: readonly string[];
  keep?: boolean;
  log: (line: string) => void;
  installLoadBalancer?: (kubeconfigPath: string, subnet: string) => Promise<void>;
}

export function k3sServerCommand(cgroupVersion: '1' | '2'): string[] {
  const command = ['server', '--disable=traefik', '--disable=servicelb'];
  if (cgroupVersion === '1') command.push('--kubelet-arg=fail-cgroupv1=false');
  return command;
}

export async function startK3sCluster(options: K3sClusterOptions): Promise<Cluster> {
  const { runtime } = options;
  const keep = options.keep ?? false;
  const cgroupVersion = await runtime.cgroupVersion();
  const network = await runtime.createNetwork({ autoCleanup: !keep });
  let server: StartedK3sServer | undefined;
  const remove = async () => {
    await server?.stop();
    await network.remove();
  };
  try {
    const filesBeforeStart: K3sServerSpec['filesBeforeStart'] = [];
    if (options.images.length > 0) {
      const archive = join(options.stateDir, 'images.tar');
      await runtime.saveImages(options.images, archive);
      filesBeforeStart.push({ source: archive, target: `${IMAGES_FOLDER}/gauntlet-images.tar` });
    }
    const name = `${options.clusterName}-server`;
    const image = options.image ?? DEFAULT_K3S_IMAGE;
    options.log(`  k3s ${image} (${name}), cgroup v${cgroupVersion}`);
    server = await options.startServer({
      image,
      name,
      command: k3sServerCommand(cgroupVersion),
      network: network.name,
      labels: { 'dev.gauntlet.cluster': options.clusterName },
      filesBeforeStart,
      autoCleanup: !keep,
    }).catch((error: unknown) => {
      throw new NodeStartError('k3s', image, '--k3s-image', error);
    });
    const kubeconfigPath = join(options.stateDir, 'kubeconfig');
    const kubeconfig = server.kubeconfig();
    // testcontainers names the host "localhost"; the API server's certificate names 127.0.0.1.
    const mapped = /server:\s*https:\/\/localhost:(\d+)/.exec(kubeconfig)?.[1];
    await writeKubeconfig(kubeconfigPath, mapped ? rewriteKubeconfigServer(kubeconfig, { host: '127.0.0.1', port: Number(mapped) }) : kubeconfig);
    const installLoadBalancer = options.installLoadBalancer ?? ((path, subnet) => installMetalLb(connectKube(path), subnet, options.log));
    await installLoadBalancer(kubeconfigPath, network.subnet);
    const keptNotice = keep ? `kept the k3s cluster ${options.clusterName}: export KUBECONFIG=${kubeconfigPath}; remove: docker rm -f -v ${name} && docker network rm ${network.name}` : undefined;
    return containerCluster({ provider: 'k3s', kubeconfigPath, remove, log: options.log, ...(keptNotice ? { keptNotice } : {}) });
  } catch (error) {
    if (!keep) await remove().catch(() => undefined);
    throw error;
  }
}

