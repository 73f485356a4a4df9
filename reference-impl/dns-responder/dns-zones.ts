// What each zone of a Corefile answers, for the plugins this responder serves. It stands in for coredns
// where a test only needs DNS answers over UDP (upstream's UDPRoute test needs any answer at all):
// - `whoami`: the client's address (A or AAAA) and port (SRV) in the additional section, as coredns does;
// - `forward`: not performed (traffic must stay on this machine); answered SERVFAIL, what coredns answers
//   when none of its upstreams can be reached;
// - `log`: one log line per query; `errors`, `cache`, `reload`, `loadbalance`, `debug`: no effect here.
// Any other plugin stops the start with its file:line, rather than answering differently from coredns.

import type { ServerBlock } from './corefile.ts';
import { CorefileError } from './corefile-error.ts';

export type ZoneAnswer = 'whoami' | 'servfail';

export interface Zone {
  /** Lower case, with the trailing dot: "foo.bar.com.", or "." for the root. */
  name: string;
  port: number;
  answer: ZoneAnswer;
  log: boolean;
  /** Where the zone's server block starts, for log lines. */
  line: number;
}

const WITHOUT_EFFECT = new Set(['errors', 'cache', 'reload', 'loadbalance', 'debug']);
const SUPPORTED = ['whoami', 'forward', 'log', ...WITHOUT_EFFECT];

export function zonesFrom(blocks: readonly ServerBlock[], file: string, defaultPort: number): Zone[] {
  const zones: Zone[] = [];
  for (const block of blocks) {
    let answer: ZoneAnswer | undefined;
    let log = false;
    for (const directive of block.directives) {
      if (directive.plugin === 'forward') answer = 'servfail';
      else if (directive.plugin === 'whoami') answer ??= 'whoami';
      else if (directive.plugin === 'log') log = true;
      else if (!WITHOUT_EFFECT.has(directive.plugin)) {
        throw new CorefileError(
          'COREFILE_UNSUPPORTED',
          `${file}:${directive.line}: plugin "${directive.plugin}" is not served by the gauntlet DNS responder ` +
            `(it serves ${SUPPORTED.join(', ')}); use the coredns image in a kind or kubeconfig cluster for other plugins`,
        );
      }
    }
    for (const key of block.keys) {
      const zone: Zone = { ...parseKey(key, file, block.line, defaultPort), answer: answer ?? 'servfail', log, line: block.line };
      const clash = zones.find((other) => other.name === zone.name && other.port === zone.port);
      if (clash) {
        throw new CorefileError('COREFILE_SYNTAX', `${file}:${block.line}: zone ${zone.name} on port ${zone.port} is also served by the block at line ${clash.line}: keep one`);
      }
      zones.push(zone);
    }
  }
  return zones;
}

/** `[dns://]name[:port]`. */
function parseKey(key: string, file: string, line: number, defaultPort: number): { name: string; port: number } {
  const match = /^(?:dns:\/\/)?([^:/]+)(?::(\d+))?$/.exec(key);
  if (!match?.[1]) {
    throw new CorefileError(
      'COREFILE_UNSUPPORTED',
      `${file}:${line}: server block key "${key}" is not a zone the responder serves: write [dns://]name[:port] (plain DNS over UDP only)`,
    );
  }
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (port > 65535) throw new CorefileError('COREFILE_SYNTAX', `${file}:${line}: port ${port} of "${key}" is not a port number`);
  const lower = match[1].toLowerCase();
  return { name: lower.endsWith('.') ? lower : `${lower}.`, port };
}

/** The zone serving `queryName` on `port`: the longest zone the name is in, as coredns picks. */
export function zoneFor(zones: readonly Zone[], port: number, queryName: string): Zone | undefined {
  const name = queryName.toLowerCase().replace(/\.?$/, '.');
  let best: Zone | undefined;
  for (const zone of zones) {
    if (zone.port !== port) continue;
    const inZone = zone.name === '.' || name === zone.name || name.endsWith(`.${zone.name}`);
    if (inZone && (best === undefined || zone.name.length > best.name.length)) best = zone;
  }
  return best;
}
