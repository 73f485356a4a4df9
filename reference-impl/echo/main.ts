// Entry point of the echo backend image: reads the upstream echo server's environment variables.

import pino from 'pino';
import { startEchoServer } from './echo-server.ts';

const log = pino({ name: 'echo' });

async function main(): Promise<void> {
  const portText = process.env.HTTP_PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    log.error(`HTTP_PORT "${portText}" is not a port number (0-65535); set HTTP_PORT to a valid port`);
    process.exitCode = 1;
    return;
  }
  // Every pod shares the host's network namespace locally: bind to the pod's own address.
  const host = process.env.POD_IP ?? '0.0.0.0';
  const server = await startEchoServer({
    host,
    port,
    context: {
      namespace: process.env.NAMESPACE ?? '',
      ingress: process.env.INGRESS_NAME ?? '',
      service: process.env.SERVICE_NAME ?? '',
      pod: process.env.POD_NAME ?? '',
    },
  });
  log.info({ host, port: server.port }, 'echo server listening');
  process.once('SIGTERM', () => {
    log.info('SIGTERM: closing');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'echo server failed to start');
  process.exitCode = 1;
});
