// The way Kubernetes itself offers into a LoadBalancer this host cannot reach on its own address and port:
// the Service's NodePort on a node's address (a kind node without a load-balancer implementation, or a
// local cluster running without the privilege to bind port 80). Found through the API only, so it works
// for any cluster: the LoadBalancer Service whose ingress is the address, its NodePort for the port, and
// the InternalIP (else ExternalIP) of a Ready node.
import net from 'node:net';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { HostEndpoint } from '../cluster.ts';

interface ServiceShape extends KubernetesObject {
  spec?: { type?: string; ports?: { port: number; protocol?: string; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

interface NodeShape extends KubernetesObject {
  status?: { addresses?: { type: string; address: string }[]; conditions?: { type: string; status: string }[] };
}

/** The node address and NodePort serving `port` of the LoadBalancer at `address`, if the cluster has one. */
export async function nodePortRoute(kube: KubeClient, address: string, port: number): Promise<HostEndpoint | undefined> {
  const services = (await kube.objects.list<ServiceShape>('v1', 'Service')).items;
  const service = services.find(
    (s) => s.spec?.type === 'LoadBalancer' && (s.status?.loadBalancer?.ingress ?? []).some((i) => i.ip === address || i.hostname === address),
  );
  const nodePort = service?.spec?.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP')?.nodePort;
  if (nodePort === undefined) return undefined;
  const nodes = (await kube.objects.list<NodeShape>('v1', 'Node')).items;
  const ready = nodes.filter((node) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  for (const type of ['InternalIP', 'ExternalIP']) {
    for (const node of ready) {
      const host = node.status?.addresses?.find((a) => a.type === type)?.address;
      if (host) return { host, port: nodePort };
    }
  }
  return undefined;
}

/** Whether a TCP connection to host:port is accepted within `timeoutMs`. */
export function acceptsConnections(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
