// The kubelet's registration of its node: one Node object for the local "machine", with the cluster's own
// node address as InternalIP (where NodePorts are served), so `kubectl get nodes -o wide` tells where the
// cluster is reachable, as it does for a kind node.
import os from 'node:os';
import type { KubeObject, ObjectStore } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { NODES } from './resource-keys.ts';
import { isConflict } from './store-writes.ts';

export const KUBELET_VERSION = 'v1.32.0';

export function registerNode(store: ObjectStore, name: string, address: string): void {
  if (store.get(NODES, undefined, name)) return;
  const now = rfc3339Seconds();
  const node: KubeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': os.platform() === 'win32' ? 'windows' : os.platform(),
        'kubernetes.io/arch': os.arch() === 'x64' ? 'amd64' : os.arch(),
        'node-role.kubernetes.io/control-plane': '',
      },
    },
    spec: {},
  };
  try {
    const created = store.create(NODES, node);
    store.update(NODES, { ...created, status: nodeStatus(address, now) }, { subresource: 'status' });
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

function nodeStatus(address: string, now: string): Record<string, unknown> {
  const memoryKi = `${Math.floor(os.totalmem() / 1024)}Ki`;
  const capacity = { cpu: String(os.availableParallelism()), memory: memoryKi, pods: '1016' };
  return {
    addresses: [
      { type: 'InternalIP', address },
      { type: 'Hostname', address: os.hostname() },
    ],
    capacity,
    allocatable: capacity,
    conditions: [
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
    ],
    nodeInfo: {
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: os.platform(),
      architecture: os.arch() === 'x64' ? 'amd64' : os.arch(),
      osImage: `${os.type()} ${os.release()}`,
      kernelVersion: os.release(),
      containerRuntimeVersion: `process://node-${process.version}`,
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  };
}
