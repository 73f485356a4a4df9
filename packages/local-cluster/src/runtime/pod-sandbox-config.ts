// What the kubelet tells each pod process's sandbox (pod-sandbox.ts), through one environment variable
// as kubelet passes a container's settings: the pod's address, the cluster's pod block, which ports are
// mapped, and the kubelet's pid (to stop when it is gone).
import { AddressBlock } from './address-block.ts';
import { PodPortMapping } from './pod-port-mapping.ts';

export const POD_SANDBOX_ENV = 'LOCAL_CLUSTER_POD_SANDBOX';

export interface PodSandboxConfig {
  podIP: string;
  pods: { prefix: string; firstThirdOctet: number; thirdOctetCount: number };
  mappedBelow: number;
  /** The process running the cluster: a pod stops itself once it is gone. */
  kubeletPid: number;
}

export function encodeSandboxConfig(config: PodSandboxConfig): string {
  return JSON.stringify(config);
}

/** The config, or a message saying what is wrong with the variable. */
export function decodeSandboxConfig(text: string): PodSandboxConfig | string {
  let value: Partial<PodSandboxConfig>;
  try {
    value = JSON.parse(text) as Partial<PodSandboxConfig>;
  } catch (error) {
    return `${POD_SANDBOX_ENV} is not JSON (${(error as Error).message})`;
  }
  const { podIP, pods, mappedBelow, kubeletPid } = value;
  if (typeof podIP !== 'string' || typeof pods !== 'object' || pods === null || typeof mappedBelow !== 'number' || typeof kubeletPid !== 'number') {
    return `${POD_SANDBOX_ENV} lacks podIP, pods, mappedBelow or kubeletPid: ${text}`;
  }
  return { podIP, pods, mappedBelow, kubeletPid };
}

export function mappingOf(config: PodSandboxConfig): PodPortMapping {
  const { prefix, firstThirdOctet, thirdOctetCount } = config.pods;
  return new PodPortMapping(new AddressBlock(prefix, firstThirdOctet, thirdOctetCount), config.mappedBelow);
}
