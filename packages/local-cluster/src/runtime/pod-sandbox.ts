// The pod sandbox: loaded into every pod process before its own code (`node --import <this> <script>`),
// it gives the process what its own network namespace and PID namespace would give in a real cluster:
// its own address for "any address", every port (mapped where the cluster may not bind it), and an end when
// the cluster's process is gone; and it serves the Service listeners lent to it (pod-borrowed-listeners.ts). Configured by the kubelet through LOCAL_CLUSTER_POD_SANDBOX; a process
// started without it (say, by hand) runs untouched.

import { stopOrphanedPod, watchParent } from './parent-watch.ts';
import { installBorrowedListeners } from './pod-borrowed-listeners.ts';
import { installPodNetwork } from './pod-network.ts';
import { decodeSandboxConfig, mappingOf, POD_SANDBOX_ENV } from './pod-sandbox-config.ts';

const text = process.env[POD_SANDBOX_ENV];
if (text !== undefined) {
  const config = decodeSandboxConfig(text);
  if (typeof config === 'string') {
    process.stderr.write(`pod sandbox: ${config}; the kubelet sets this variable, do not set it by hand\n`);
    process.exit(1);
  }
  installPodNetwork(mappingOf(config), config.podIP);
  installBorrowedListeners(config.podIP);
  watchParent(config.kubeletPid, stopOrphanedPod);
}
