// A ServerContext for unit tests of the API's write path: a fresh store serving the built-in resources
// and those of the given CRDs, the namespaces given (by default just "default"), a fixed clock.
import { builtInResources } from '../../src/api/built-in-resources.ts';
import { resourcesOfCrd } from '../../src/api/crd-resources.ts';
import { ResourceRegistry } from '../../src/api/resource-registry.ts';
import type { ServerContext } from '../../src/api/server-context.ts';
import { ServiceAddressAllocator } from '../../src/api/service-address-allocator.ts';
import { compileCrdValidators } from '../../src/crd/crd-validator.ts';
import { MemoryObjectStore } from '../../src/store/memory-object-store.ts';
import type { KubeObject, ObjectMeta } from '../../src/store/object-store-contract.ts';

export interface TestServerContextOptions {
  crds?: readonly KubeObject[];
  namespaces?: readonly ObjectMeta[];
}

export function testServerContext(options: TestServerContextOptions = {}): ServerContext {
  const store = new MemoryObjectStore();
  const registry = new ResourceRegistry();
  for (const info of builtInResources()) registry.add(info);
  for (const crd of options.crds ?? []) for (const info of resourcesOfCrd(crd, compileCrdValidators(crd))) registry.add(info);
  for (const metadata of options.namespaces ?? [{ name: 'default' }]) store.create({ group: '', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata });
  return {
    store,
    registry,
    allocator: new ServiceAddressAllocator(store),
    log: () => {},
    now: () => new Date('2026-01-01T00:00:00Z'),
    stateDir: '/nonexistent',
    watches: new Set(),
  };
}
