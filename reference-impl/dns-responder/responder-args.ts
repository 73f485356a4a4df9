// The coredns command line the pod gives (`-conf /root/Corefile`, optionally `-dns.port N`); Go's flag
// package accepts `-name value`, `--name value` and `-name=value`. Other coredns flags that change nothing
// here (-quiet, -pidfile) are accepted; anything else is an error naming the flag.

import { CorefileError } from './corefile-error.ts';

export interface ResponderArgs {
  /** Path of the Corefile as the container sees it; coredns's default is "Corefile" in its working directory. */
  conf: string;
  /** Port of zones that name none. */
  dnsPort: number;
  quiet: boolean;
}

const WITH_VALUE = new Set(['conf', 'dns.port', 'pidfile']);

export function parseResponderArgs(argv: readonly string[]): ResponderArgs {
  const args: ResponderArgs = { conf: 'Corefile', dnsPort: 53, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--?([a-z.]+)(?:=(.*))?$/.exec(argv[i] ?? '');
    const name = match?.[1];
    if (name === undefined) throw usage(`unexpected argument "${argv[i]}"`);
    if (name === 'quiet') {
      args.quiet = true;
      continue;
    }
    if (!WITH_VALUE.has(name)) throw usage(`flag -${name} is not supported`);
    let value = match?.[2];
    if (value === undefined) {
      i += 1;
      value = argv[i];
    }
    if (value === undefined) throw usage(`flag -${name} needs a value`);
    if (name === 'conf') args.conf = value;
    if (name === 'dns.port') args.dnsPort = portNumber(value);
  }
  return args;
}

function portNumber(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port <= 65535)) throw usage(`-dns.port "${text}" is not a port number (0-65535)`);
  return port;
}

function usage(problem: string): CorefileError {
  return new CorefileError('DNS_RESPONDER_ARGS', `${problem}; the DNS responder takes coredns's -conf FILE, -dns.port N, -quiet and -pidfile FILE`);
}
