// Builds the answer to one DNS query as coredns would for the zone's plugin: a reply that copies the id,
// opcode, RD and CD bits and the question; whoami's records in the additional section; REFUSED for a name
// no zone serves, FORMERR for a query without a question.

import { type Answer, AUTHORITATIVE_ANSWER, CHECKING_DISABLED, type DecodedPacket, encode, RECURSION_DESIRED } from 'dns-packet';
import type { ZoneAnswer } from './dns-zones.ts';

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, REFUSED: 5 } as const;
export type Rcode = keyof typeof RCODE;
const OPCODE_BITS = 0x7800;

export interface Client {
  address: string;
  port: number;
  family: 'IPv4' | 'IPv6';
}

export interface DnsReply {
  rcode: Rcode;
  packet: Buffer;
}

export function answerQuery(query: DecodedPacket, zone: ZoneAnswer | undefined, client: Client): DnsReply {
  const question = query.questions?.[0];
  if (question === undefined) return reply(query, 'FORMERR', []);
  if (zone === undefined) return reply(query, 'REFUSED', []);
  if (zone === 'servfail') return reply(query, 'SERVFAIL', []);
  const name = question.name.toLowerCase();
  const address: Answer =
    client.family === 'IPv6'
      ? { type: 'AAAA', name, class: question.class, ttl: 0, data: client.address }
      : { type: 'A', name, class: question.class, ttl: 0, data: client.address };
  const port: Answer = {
    type: 'SRV',
    // coredns writes "_udp." before the name, and "_udp." alone for the root.
    name: name === '' || name === '.' ? '_udp' : `_udp.${name}`,
    class: question.class,
    ttl: 0,
    data: { priority: 0, weight: 0, port: client.port, target: '.' },
  };
  return reply(query, 'NOERROR', [address, port], AUTHORITATIVE_ANSWER);
}

/** A FORMERR for bytes that do not decode but carry at least a header (the id is copied). */
export function formatErrorFor(raw: Buffer): Buffer | undefined {
  if (raw.length < 12) return undefined;
  const header = Buffer.from(raw.subarray(0, 12));
  // QR set, opcode kept, RCODE FORMERR; no sections.
  header.writeUInt16BE(0x8000 | (header.readUInt16BE(2) & OPCODE_BITS) | RCODE.FORMERR, 2);
  header.fill(0, 4, 12);
  return header;
}

function reply(query: DecodedPacket, rcode: Rcode, additionals: Answer[], extraFlags = 0): DnsReply {
  const kept = (query.flags ?? 0) & (OPCODE_BITS | RECURSION_DESIRED | CHECKING_DISABLED);
  const packet = encode({
    type: 'response',
    id: query.id ?? 0,
    flags: kept | extraFlags | RCODE[rcode],
    questions: query.questions ?? [],
    additionals,
  });
  return { rcode, packet };
}
