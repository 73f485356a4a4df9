// The node container of a kind cluster, with the options `kind create cluster` gives it (its docker provider):
// privileged (kubelet and containerd run inside), seccomp and AppArmor unconfined, /tmp and /run on tmpfs for
// systemd, /var an anonymous volume (pods and images off the container's own filesystem), the host's kernel
// modules read-only, a private cgroup namespace, a tty and no docker-init (systemd is PID 1), restarted once on
// failure, the API server's port published. It has started when systemd reached its target, or, on a cgroup v1
// host, when the entrypoint said so.

import type { NodeContainerSpec } from '../containers/node-runtime.ts';
import { API_SERVER_PORT } from './kubeadm-config.ts';

export const DEFAULT_KIND_IMAGE = 'kindest/node:v1.35.0';
export const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
export const KIND_ROLE_LABEL = 'io.x-k8s.kind.role';
const NODE_STARTED = /Reached target .*Multi-User System.*|detected cgroup v1/;

export function kindNodeSpec(options: { image: string; clusterName: string; network: string; keep: boolean }): NodeContainerSpec {
  const name = `${options.clusterName}-control-plane`;
  return {
    image: options.image,
    name,
    labels: { [KIND_CLUSTER_LABEL]: options.clusterName, [KIND_ROLE_LABEL]: 'control-plane' },
    env: { KUBECONFIG: '/etc/kubernetes/admin.conf' },
    privileged: true,
    securityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
    tmpfs: { '/tmp': '', '/run': '' },
    volumes: ['/var'],
    bindMounts: [{ source: '/lib/modules', target: '/lib/modules', mode: 'ro' }],
    cgroupns: 'private',
    tty: true,
    init: false,
    restart: 'on-failure:1',
    exposedPorts: [API_SERVER_PORT],
    network: options.network,
    waitForLog: NODE_STARTED,
    startupTimeoutMs: 120_000,
    filesBeforeStart: [],
    autoCleanup: !options.keep,
  };
}
