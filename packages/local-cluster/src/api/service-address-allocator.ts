// Service cluster IPs (from 10.96.0.0/16, as kubeadm's default service CIDR) and node ports
// (30000-32767). Here a cluster IP is only a name: nothing routes to it, the runtime resolves Services
// to pod addresses itself. Uniqueness is checked against the Services in the store.

import { randomInt } from 'node:crypto';
import { ApiError } from '../store/api-error.ts';
import type { KubeObject, ObjectStore } from '../store/object-store-contract.ts';
import { SERVICES_KEY } from './built-in-resources.ts';

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

export class ServiceAddressAllocator {
  readonly #store: ObjectStore;

  constructor(store: ObjectStore) {
    this.#store = store;
  }

  allocateClusterIp(): string {
    const used = new Set(this.#services().flatMap((s) => stringsAt(s, 'clusterIPs').concat(stringAt(s, 'clusterIP'))));
    // 10.96.0.1 is the `kubernetes` Service's address in a real cluster: never hand it out.
    for (let attempt = 0; attempt < 1000; attempt++) {
      const candidate = `10.96.${randomInt(256)}.${randomInt(2, 255)}`;
      if (!used.has(candidate)) return candidate;
    }
    throw new ApiError(500, 'InternalError', 'no free cluster IP in 10.96.0.0/16: delete unused Services');
  }

  allocateNodePort(alsoTaken: number[]): number {
    const used = new Set<number>(alsoTaken);
    for (const service of this.#services()) {
      for (const port of portsOf(service)) if (typeof port.nodePort === 'number') used.add(port.nodePort);
    }
    for (let attempt = 0; attempt < 1000; attempt++) {
      const candidate = randomInt(NODE_PORT_MIN, NODE_PORT_MAX + 1);
      if (!used.has(candidate)) return candidate;
    }
    throw new ApiError(500, 'InternalError', 'no free node port in 30000-32767: delete unused NodePort/LoadBalancer Services');
  }

  #services(): KubeObject[] {
    return this.#store.list(SERVICES_KEY).items;
  }
}

function specOf(service: KubeObject): Record<string, unknown> {
  const spec = service.spec;
  return typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>) : {};
}

function stringAt(service: KubeObject, field: string): string[] {
  const value = specOf(service)[field];
  return typeof value === 'string' ? [value] : [];
}

function stringsAt(service: KubeObject, field: string): string[] {
  const value = specOf(service)[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function portsOf(service: KubeObject): Record<string, unknown>[] {
  const ports = specOf(service).ports;
  return Array.isArray(ports) ? ports.filter((p): p is Record<string, unknown> => typeof p === 'object' && p !== null) : [];
}
