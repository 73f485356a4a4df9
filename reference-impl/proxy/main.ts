// Entry point of the proxy image: environment -> startProxy; SIGTERM drains and exits.
// PROXY_WORKERS=N (default 1) runs N processes sharing the listener ports (see extra-workers.ts).
// PROXY_TRUSTED_FORWARDERS=a,b (addresses or CIDRs, default none): whose X-Forwarded-* are extended, not replaced.
// PROXY_ACCESS_LOG=1 logs one structured line per client request (default off).
// The garbage collector is tuned first (gc-tuning.ts): shorter scavenge pauses on busy cores.

import pino from 'pino';
import { CONFIG_SERVER_PORT } from '../ir/gateway-ir.ts';
import { addedLatencyOf } from './added-latency.ts';
import { type ExtraWorkers, startExtraWorkers, WORKER_OF_ENV, workerCountOf } from './extra-workers.ts';
import { tuneGarbageCollector } from './gc-tuning.ts';
import { DEFAULT_ADMIN_PORT, type RunningProxy, startProxy } from './proxy.ts';

const logger = pino({ name: 'proxy' });

function required(name: string): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') {
    logger.error(`environment variable ${name} is not set; the proxy Deployment must set it`);
    return undefined;
  }
  return value;
}

function adminPortOf(text: string): number | undefined {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.error(`ADMIN_PORT "${text}" is not a port number (0-65535)`);
    return undefined;
  }
  return port;
}

let draining = false;

function drainOn(signal: 'SIGTERM' | 'disconnect', proxy: RunningProxy, workers: ExtraWorkers | undefined): void {
  process.once(signal, () => {
    if (draining) return;
    draining = true;
    logger.info(`${signal}: draining`);
    Promise.all([proxy.close(), workers?.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

async function main(): Promise<void> {
  tuneGarbageCollector();
  const namespace = required('GATEWAY_NAMESPACE');
  const name = required('GATEWAY_NAME');
  const adminPort = adminPortOf(process.env.ADMIN_PORT ?? String(DEFAULT_ADMIN_PORT));
  if (namespace === undefined || name === undefined || adminPort === undefined) {
    process.exitCode = 1;
    return;
  }
  const workerCount = workerCountOf(process.env.PROXY_WORKERS);
  const isExtraWorker = process.env[WORKER_OF_ENV] !== undefined;
  const configServer = process.env.CONFIG_SERVER ?? `127.0.0.1:${CONFIG_SERVER_PORT}`;
  const addedLatencyMs = addedLatencyOf(process.env.ADDED_LATENCY_MS);
  if (addedLatencyMs > 0) logger.warn({ addedLatencyMs }, 'ADDED_LATENCY_MS is set: every request is held this long before it is routed (a deliberate slowdown)');
  const proxy = await startProxy({
    gateway: { namespace, name },
    configServer,
    host: process.env.POD_IP || undefined,
    adminPort,
    logger,
    reusePort: workerCount > 1 || isExtraWorker,
    accessLog: process.env.PROXY_ACCESS_LOG === '1',
    trustedForwarders: (process.env.PROXY_TRUSTED_FORWARDERS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    addedLatencyMs,
  });
  logger.info({ gateway: `${namespace}/${name}`, configServer, adminPort: proxy.adminPort, workers: isExtraWorker ? undefined : workerCount }, 'proxy started');
  if (isExtraWorker) {
    // The main process went away (or is draining us): stop too rather than serve as an orphan.
    drainOn('disconnect', proxy, undefined);
    drainOn('SIGTERM', proxy, undefined);
    return;
  }
  drainOn('SIGTERM', proxy, workerCount > 1 ? startExtraWorkers(workerCount - 1, logger) : undefined);
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'proxy failed to start');
  process.exitCode = 1;
});
