// Entry point of the DNS responder, the local cluster's stand-in for the coredns image: takes coredns's
// arguments, reads the Corefile the pod mounts (under LOCAL_CLUSTER_POD_ROOT when the runtime lays volumes out
// there), answers DNS over UDP on the pod's address, logs queries of zones with `log`, drains on SIGTERM.

import path from 'node:path';
import pino from 'pino';
import { PodFileError, readPodFile } from '../echo/pod-file.ts';
import { parseCorefile } from './corefile.ts';
import { CorefileError } from './corefile-error.ts';
import { startDnsResponder } from './dns-responder.ts';
import { zonesFrom } from './dns-zones.ts';
import { parseResponderArgs } from './responder-args.ts';

const log = pino({ name: 'dns-responder' });

async function main(): Promise<void> {
  const args = parseResponderArgs(process.argv.slice(2));
  // coredns resolves a relative -conf against its working directory, which is `/` in its image.
  const conf = path.isAbsolute(args.conf) ? args.conf : path.posix.join('/', args.conf);
  const source = readPodFile(conf, process.env, '-conf').toString('utf8');
  const zones = zonesFrom(parseCorefile(source, conf), conf, args.dnsPort);
  const host = process.env.POD_IP || '0.0.0.0';
  const responder = await startDnsResponder({
    host,
    zones,
    onQuery: args.quiet ? undefined : (entry) => log.info(entry, 'query'),
  });
  const served = zones.map((zone) => ({ zone: zone.name, port: responder.ports.get(zone.port), answer: zone.answer }));
  log.info({ host, conf, zones: served }, 'dns responder listening');
  process.once('SIGTERM', () => {
    responder.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  if (error instanceof CorefileError || error instanceof PodFileError) log.error({ code: error.code }, error.message);
  else log.error({ err: error }, `dns responder failed to start: ${(error as Error).message}`);
  process.exitCode = 1;
});
