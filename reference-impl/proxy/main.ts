// Entry point of the proxy image: environment -> startProxy; SIGTERM drains and exits.

import pino from 'pino';
import { CONFIG_SERVER_PORT } from '../ir/gateway-ir.ts';
import { DEFAULT_ADMIN_PORT, startProxy } from './proxy.ts';

const logger = pino({ name: 'proxy' });

function required(name: string): string | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') {
    logger.error(`environment variable ${name} is not set; the proxy Deployment must set it`);
    return undefined;
  }
  return value;
}

async function main(): Promise<void> {
  const namespace = required('GATEWAY_NAMESPACE');
  const name = required('GATEWAY_NAME');
  if (namespace === undefined || name === undefined) {
    process.exitCode = 1;
    return;
  }
  const adminText = process.env.ADMIN_PORT ?? String(DEFAULT_ADMIN_PORT);
  const adminPort = Number(adminText);
  if (!Number.isInteger(adminPort) || adminPort < 0 || adminPort > 65535) {
    logger.error(`ADMIN_PORT "${adminText}" is not a port number (0-65535)`);
    process.exitCode = 1;
    return;
  }
  const configServer = process.env.CONFIG_SERVER ?? `127.0.0.1:${CONFIG_SERVER_PORT}`;
  const proxy = await startProxy({
    gateway: { namespace, name },
    configServer,
    host: process.env.POD_IP || undefined,
    adminPort,
    logger,
  });
  logger.info({ gateway: `${namespace}/${name}`, configServer, adminPort: proxy.adminPort }, 'proxy started');
  process.once('SIGTERM', () => {
    logger.info('SIGTERM: draining');
    proxy.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

main().catch((error: unknown) => {
  logger.error({ err: error }, 'proxy failed to start');
  process.exitCode = 1;
});
