// What every request handler needs: the store, the resource registry and the address allocator.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ObjectStore } from '../store/object-store-contract.ts';
import type { ResourceInfo } from './resource-info.ts';
import type { ResourceRegistry } from './resource-registry.ts';
import type { ServiceAddressAllocator } from './service-address-allocator.ts';

export interface ServerContext {
  store: ObjectStore;
  registry: ResourceRegistry;
  allocator: ServiceAddressAllocator;
  log: (line: string) => void;
  now: () => Date;
  /** The cluster's state directory (pod logs are read from <stateDir>/pods/). */
  stateDir: string;
  /** Open watch streams, ended when the server closes. */
  watches: Set<ServerResponse>;
}

/** One request to a served resource, routed. */
export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  info: ResourceInfo;
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | undefined;
}
