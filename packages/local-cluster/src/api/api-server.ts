// The local cluster's Kubernetes-compatible API server: HTTPS on loopback with a per-cluster CA,
// a kubeconfig for kubectl and client-node, built-in resources plus every stored CRD, served from
// an ObjectStore. Started again with the same store, port and certificates it is the same API server
// after a restart: clients reconnect and resume their watches.

import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ObjectStore } from '../store/object-store-contract.ts';
import { builtInResources } from './built-in-resources.ts';
import { CrdEstablisher } from './crd-establisher.ts';
import { writeKubeconfig } from './kubeconfig-file.ts';
import { createObject } from './object-writer.ts';
import { routeRequest } from './request-router.ts';
import { ResourceRegistry } from './resource-registry.ts';
import type { ServerContext } from './server-context.ts';
import { ServiceAddressAllocator } from './service-address-allocator.ts';
import { generateServerCertificates, type ServerCertificates } from './tls-certificates.ts';

export interface ApiServer {
  url: string;
  kubeconfigPath: string;
  caCertPem: string;
  /** The CA and serving certificate: pass them to a later start to restart the same server. */
  certificates: ServerCertificates;
  /** The port listened on: pass it to a later start to restart the same server. */
  port: number;
  /**
   * Ends every open watch stream, as a real API server does when a watch times out or its watch cache is
   * re-initialised: clients watch again from the last resourceVersion they saw.
   */
  endWatches(): void;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  store: ObjectStore;
  /** Where the kubeconfig is written. */
  stateDir: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default: a new CA and serving certificate. */
  certificates?: ServerCertificates;
  log?: (line: string) => void;
}

const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const registry = new ResourceRegistry();
  for (const info of builtInResources()) registry.add(info);
  const ctx: ServerContext = {
    store: options.store,
    registry,
    allocator: new ServiceAddressAllocator(options.store),
    log,
    now: () => new Date(),
    stateDir: options.stateDir,
    watches: new Set(),
  };
  const establisher = new CrdEstablisher(options.store, registry, log);
  establisher.start();
  createInitialNamespaces(ctx);

  const certificates = options.certificates ?? (await generateServerCertificates(host));
  const server = createServer({ key: certificates.serverKeyPem, cert: certificates.serverCertPem });
  let serverAddress = '';
  server.on('request', (req, res) => {
    void routeRequest(ctx, req, res, serverAddress);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve((server.address() as AddressInfo).port));
  });
  serverAddress = `${host}:${port}`;
  const url = `https://${serverAddress}`;
  const kubeconfigPath = await writeKubeconfig(options.stateDir, url, certificates.caCertPem);
  log(`local API server listening on ${url}`);

  let closing: Promise<void> | undefined;
  const endWatches = () => {
    for (const res of ctx.watches) res.end();
  };
  return {
    url,
    kubeconfigPath,
    caCertPem: certificates.caCertPem,
    certificates,
    port,
    endWatches,
    close() {
      closing ??= new Promise<void>((resolve) => {
        establisher.stop();
        endWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function createInitialNamespaces(ctx: ServerContext): void {
  const info = ctx.registry.find('', 'v1', 'namespaces');
  if (!info) return;
  for (const name of INITIAL_NAMESPACES) {
    if (ctx.store.get({ group: '', resource: 'namespaces' }, undefined, name)) continue;
    createObject(ctx, { info, namespace: undefined, name: undefined, subresource: undefined, dryRun: false }, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  }
}
