// Entry point of the echo backend image: reads upstream echo-basic's environment variables, starts the
// echo, logs one JSON line per echoed request (`"msg":"request"`), drains on SIGTERM.

import pino from 'pino';
import { startEchoServer } from './echo-server.ts';
import { EchoSettingsError, httpEchoSettings } from './echo-settings.ts';

const log = pino({ name: 'echo' });

async function main(): Promise<void> {
  const settings = httpEchoSettings(process.env);
  const server = await startEchoServer({
    host: settings.host,
    port: settings.httpPort,
    h2cPort: settings.h2cPort,
    context: settings.context,
    onRequest: (entry) => log.info(entry, 'request'),
  });
  log.info({ host: settings.host, port: server.port, h2cPort: server.h2cPort }, 'echo server listening');
  process.once('SIGTERM', () => {
    log.info('SIGTERM: closing');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  // A setting the user got wrong needs its message, not a stack trace.
  if (error instanceof EchoSettingsError) log.error({ code: error.code }, error.message);
  else log.error({ err: error }, `echo server failed to start: ${(error as Error).message}`);
  process.exitCode = 1;
});
