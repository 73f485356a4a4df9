// One UDP datagram through a gateway from a fresh client socket (so a new flow every time), and the one answer
// that must come back within a deadline: the UDP echo's JSON account (its pod, namespace and service, and the
// payload it received), or, for a DNS query, the DNS answer (dns-packet encodes and decodes).
import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import dnsPacket from 'dns-packet';
import type { UdpDatagramSpec } from '../../scenario/scenario-types.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import type { ProbeTarget } from '../send-request.ts';

/** The response code is the low 4 bits of the header flags (RFC 1035 4.1.1); the names of the common ones. */
const RCODE_BITS = 0x000f;
const RCODE_NAMES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

export interface UdpEchoAccount {
  request: string;
  namespace: string;
  service: string;
  pod: string;
}

export type UdpProbeOutcome = { echo: UdpEchoAccount } | { dns: { rcode: string; answers: number } } | { mismatches: Mismatch[] };

/** Sends `payload` from a fresh socket and resolves with the first answer, or undefined after `timeoutMs`. */
export function exchangeDatagram(target: ProbeTarget, payload: Buffer, timeoutMs: number): Promise<Buffer | undefined> {
  const socket = createSocket(isIPv6(target.host) ? 'udp6' : 'udp4');
  return new Promise<Buffer | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    socket.once('message', (answer: Buffer) => {
      clearTimeout(timer);
      resolve(answer);
    });
    // An ICMP port unreachable (nothing listens) is reported here: no answer, as a timeout is.
    socket.on('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    socket.send(payload, target.port, target.host);
  }).finally(() => socket.close());
}

export async function probeUdp(target: ProbeTarget, request: UdpDatagramSpec, timeoutMs: number): Promise<UdpProbeOutcome> {
  if ('dnsQuery' in request) return probeDns(target, request.dnsQuery, timeoutMs);
  const answer = await exchangeDatagram(target, Buffer.from(request.send, 'utf8'), timeoutMs);
  if (answer === undefined) return { mismatches: [mismatch('answer', `the UDP echo's answer within ${timeoutMs} ms`, 'no datagram came back')] };
  const echo = parseUdpEchoAccount(answer.toString('utf8'));
  if (echo === undefined) return { mismatches: [mismatch('answer', "the UDP echo's JSON account", JSON.stringify(answer.toString('utf8').slice(0, 200)))] };
  if (echo.request !== request.send) return { mismatches: [mismatch('echoed request', JSON.stringify(request.send), JSON.stringify(echo.request))] };
  return { echo };
}

export function parseUdpEchoAccount(text: string): UdpEchoAccount | undefined {
  try {
    const value = JSON.parse(text) as Partial<UdpEchoAccount>;
    if (typeof value.pod !== 'string' || typeof value.request !== 'string') return undefined;
    return { request: value.request, namespace: value.namespace ?? '', service: value.service ?? '', pod: value.pod };
  } catch {
    return undefined;
  }
}

async function probeDns(target: ProbeTarget, query: { name: string; type: 'A' | 'AAAA' | 'SRV' | 'TXT' }, timeoutMs: number): Promise<UdpProbeOutcome> {
  const id = Math.floor(Math.random() * 0xffff);
  const packet = dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: query.type, name: query.name }] });
  const answer = await exchangeDatagram(target, packet, timeoutMs);
  const asked = `a DNS answer to ${query.type} ${query.name} within ${timeoutMs} ms`;
  if (answer === undefined) return { mismatches: [mismatch('dns', asked, 'no datagram came back')] };
  try {
    const decoded = dnsPacket.decode(answer);
    if (decoded.type !== 'response' || decoded.id !== id) return { mismatches: [mismatch('dns', asked, `a packet that is not the answer (type ${decoded.type}, id ${decoded.id}, sent id ${id})`)] };
    const question = decoded.questions?.[0];
    if (question?.name.toLowerCase() !== query.name.toLowerCase()) return { mismatches: [mismatch('dns question', query.name, question?.name ?? '(none)')] };
    const rcode = (decoded.flags ?? 0) & RCODE_BITS;
    return { dns: { rcode: RCODE_NAMES[rcode] ?? `RCODE ${rcode}`, answers: (decoded.answers?.length ?? 0) + (decoded.additionals?.length ?? 0) } };
  } catch (error) {
    return { mismatches: [mismatch('dns', asked, `an undecodable datagram (${error instanceof Error ? error.message : String(error)})`)] };
  }
}
