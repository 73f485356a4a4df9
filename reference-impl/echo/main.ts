// Entry point of the echo backend image: reads upstream echo-basic's environment variables, runs the mode
// they select (HTTP with h2c and HTTPS, gRPC, TCP or UDP), logs one JSON line per echoed request
// (`"msg":"request"`), drains on SIGTERM.

import pino from 'pino';
import { startEchoMode } from './echo-modes.ts';
import { EchoSettingsError } from './echo-settings.ts';
import { PodFileError } from './pod-file.ts';

const log = pino({ name: 'echo' });

async function main(): Promise<void> {
  const echo = await startEchoMode(process.env, {
    onRequest: (entry) => log.info(entry, 'request'),
    onTraffic: (what, fields) => log.info(fields, what),
  });
  log.info({ mode: echo.mode, host: echo.host, ...echo.ports }, 'echo server listening');
  process.once('SIGTERM', () => {
    log.info('SIGTERM: closing');
    echo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  // A setting or file the user got wrong needs its message, not a stack trace.
  if (error instanceof EchoSettingsError || error instanceof PodFileError) log.error({ code: error.code }, error.message);
  else log.error({ err: error }, `echo server failed to start: ${(error as Error).message}`);
  process.exitCode = 1;
});
