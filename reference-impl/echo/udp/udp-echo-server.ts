// The UDP echo (UDP_ECHO_SERVER), as upstream's: every datagram is answered, to its sender, with one JSON
// datagram holding the payload received as `request` and the pod context. Like upstream it reads at most
// 1024 bytes of a datagram.

import { createSocket, type RemoteInfo } from 'node:dgram';
import { type EchoContext, goStyleJson } from '../echo-answer.ts';

const MAX_DATAGRAM_BYTES = 1024;

export interface UdpEchoOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  context: EchoContext;
  onDatagram?: ((info: { bytes: number; client: string }) => void) | undefined;
}

export interface UdpEchoServer {
  port: number;
  close(): Promise<void>;
}

/** The answer to one datagram, field order as upstream's EchoResponse. */
function udpEchoAnswer(payload: Buffer, context: EchoContext): string {
  return goStyleJson(
    {
      request: payload.subarray(0, MAX_DATAGRAM_BYTES).toString('utf8'),
      namespace: context.namespace,
      ingress: context.ingress,
      service: context.service,
      pod: context.pod,
    },
    0,
  );
}

export function startUdpEcho(options: UdpEchoOptions): Promise<UdpEchoServer> {
  const socket = createSocket(options.host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (payload: Buffer, sender: RemoteInfo) => {
    options.onDatagram?.({ bytes: payload.length, client: `${sender.address}:${sender.port}` });
    // A send that fails (the sender went away) loses that answer only, as with upstream.
    socket.send(udpEchoAnswer(payload, options.context), sender.port, sender.address, () => undefined);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      // Errors after binding (an ICMP unreachable reported on send) must not end the server.
      socket.on('error', () => undefined);
      resolve({ port: socket.address().port, close: () => new Promise((done) => socket.close(() => done())) });
    });
  });
}
