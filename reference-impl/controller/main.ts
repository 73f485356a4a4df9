// Entry point of the controller image: watches the Kubernetes API, translates, writes statuses,
// provisions proxies and serves their configuration. Logs JSON lines; SIGTERM stops it cleanly.

import { CustomObjectsApi, KubernetesObjectApi } from '@kubernetes/client-node';
import pino from 'pino';
import { Backoff } from '../net/backoff.ts';
import { PooledKubeConfig } from '../net/pooled-kube-config.ts';
import { startConfigServer } from './config-server/config-server.ts';
import { IrRegistry } from './config-server/ir-registry.ts';
import { readSettings } from './controller-settings.ts';
import { proxyEnvironmentFor } from './deviation.ts';
import { InfraProvisioner } from './infra/infra-provisioner.ts';
import { ClusterCache } from './provider/cluster-cache.ts';
import { DebouncedTrigger } from './provider/debounced-trigger.ts';
import { Reconciler } from './reconciler.ts';
import { OwnStatusWrites } from './status/own-status-writes.ts';
import { StatusWriter } from './status/status-writer.ts';

const log = pino({ name: 'gauntlet-controller', level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  // One connection pool for every API call (client-node alone opens a TLS connection per request).
  const kubeConfig = new PooledKubeConfig();
  // KUBECONFIG in the local cluster, the service account inside a real one.
  kubeConfig.loadFromDefault();
  log.info({ controllerName: settings.controllerName, apiServer: kubeConfig.getCurrentCluster()?.server, configServer: settings.configServerAddress }, 'starting');

  const registry = new IrRegistry();
  let reconciler: Reconciler | undefined;
  const server = await startConfigServer({ host: settings.listenHost, port: settings.listenPort, registry, isReady: () => reconciler?.ready ?? false });
  log.info({ host: settings.listenHost, port: server.port }, 'config server listening');

  const retry = new Backoff(1000, 30_000);
  let trigger: DebouncedTrigger | undefined;
  /** Status writes failed since the last pass (they run in the background of the passes). */
  let failedStatusWrites = 0;
  const ownWrites = new OwnStatusWrites();
  // The watch event of our own status write changes nothing the translator reads: no pass for it.
  const cache = new ClusterCache(kubeConfig, (object) => (object && ownWrites.isEcho(object) ? undefined : trigger?.trigger()), log);
  if (settings.deviation) log.warn({ deviation: settings.deviation }, 'DEVIATE is set: this controller deliberately deviates from the specification');
  reconciler = new Reconciler({
    controllerName: settings.controllerName,
    ...(settings.deviation ? { deviation: settings.deviation } : {}),
    cache,
    statusWriter: new StatusWriter(kubeConfig.makeApiClient(CustomObjectsApi), ownWrites),
    provisioner: new InfraProvisioner(KubernetesObjectApi.makeApiClient(kubeConfig), {
      image: settings.proxyImage,
      configServer: settings.configServerAddress,
      extraEnv: proxyEnvironmentFor(settings.deviation),
    }),
    registry,
    log,
    clock: () => new Date(),
    onStatusWriteFailed: () => {
      failedStatusWrites += 1;
      // The backoff grows while writes keep failing: a pass after which none failed resets it.
      activeTrigger.triggerAfter(retry.next());
    },
  });
  const activeReconciler = reconciler;
  const activeTrigger = new DebouncedTrigger(
    async () => {
      const failedBefore = failedStatusWrites;
      failedStatusWrites = 0;
      const outcome = await activeReconciler.reconcileOnce();
      if (outcome.errors === 0) {
        if (failedBefore === 0) retry.reset();
        return;
      }
      const delay = retry.next();
      log.warn(`${outcome.errors} write(s) failed; reconciling again in ${delay} ms`);
      activeTrigger.triggerAfter(delay);
    },
    // A short quiet period: it only has to gather the watch events of one apply (they come together). A lone
    // event (one route applied) waits 1 ms: the events of one write arrive in one read of the watch stream.
    { quietMs: 10, firstQuietMs: 1, maxDelayMs: 300, onError: (error) => log.error({ err: error }, 'reconciliation failed unexpectedly; waiting for the next change') },
  );
  trigger = activeTrigger;
  cache.start();

  const shutdown = (signal: string) => {
    log.info(`${signal}: shutting down`);
    activeTrigger.stop();
    Promise.all([cache.stop(), server.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  log.error({ err: error }, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
