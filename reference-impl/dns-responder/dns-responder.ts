// The DNS responder's sockets: one UDP socket per port the Corefile's zones use, each query decoded,
// answered for the zone that serves its name (dns-answer.ts) and reported to `onQuery` when the zone logs.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decode } from 'dns-packet';
import { answerQuery, formatErrorFor, type Rcode } from './dns-answer.ts';
import { type Zone, zoneFor } from './dns-zones.ts';

export interface QueryLogEntry {
  client: string;
  id: number;
  name: string;
  type: string;
  rcode: Rcode;
  /** The zone that answered, or undefined when none serves the name. */
  zone: string | undefined;
}

export interface DnsResponderOptions {
  host: string;
  zones: readonly Zone[];
  onQuery?: ((entry: QueryLogEntry) => void) | undefined;
}

export interface DnsResponder {
  /** Port asked for in the Corefile -> port bound (they differ only for port 0). */
  ports: Map<number, number>;
  close(): Promise<void>;
}

export async function startDnsResponder(options: DnsResponderOptions): Promise<DnsResponder> {
  const ports = new Map<number, number>();
  const sockets: Socket[] = [];
  const close = (): Promise<void> => Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve())))).then(() => undefined);
  try {
    for (const port of new Set(options.zones.map((zone) => zone.port))) {
      const socket = createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
      socket.on('message', (raw: Buffer, sender: RemoteInfo) => answer(socket, raw, sender, port, options));
      ports.set(port, await bind(socket, port, options.host));
      sockets.push(socket);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { ports, close };
}

function answer(socket: Socket, raw: Buffer, sender: RemoteInfo, port: number, options: DnsResponderOptions): void {
  let query: ReturnType<typeof decode>;
  try {
    query = decode(raw);
  } catch {
    const formatError = formatErrorFor(raw);
    if (formatError) socket.send(formatError, sender.port, sender.address, () => undefined);
    return;
  }
  // Answers to answers would loop between two responders.
  if (query.type === 'response') return;
  const question = query.questions?.[0];
  const zone = question ? zoneFor(options.zones, port, question.name) : undefined;
  const reply = answerQuery(query, zone?.answer, { address: sender.address, port: sender.port, family: sender.family === 'IPv6' ? 'IPv6' : 'IPv4' });
  // A send that fails (the client went away) loses that answer only.
  socket.send(reply.packet, sender.port, sender.address, () => undefined);
  if (zone?.log) {
    options.onQuery?.({
      client: `${sender.address}:${sender.port}`,
      id: query.id ?? 0,
      name: question?.name ?? '',
      type: question?.type ?? '',
      rcode: reply.rcode,
      zone: zone.name,
    });
  }
}

function bind(socket: Socket, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      // Errors after binding (an ICMP unreachable reported on send) must not end the responder.
      socket.on('error', () => undefined);
      resolve(socket.address().port);
    });
  });
}
