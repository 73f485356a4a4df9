// One bounded exchange with a pod, per protocol the upstream backends speak: HTTP/2 without TLS (h2c), HTTPS with
// SNI checked against a CA, a line conversation over TCP (plain or TLS), a DNS query over UDP. Each rejects
// after `TIMEOUT_MS` rather than hanging a test.
import { createSocket } from 'node:dgram';
import { connect as http2Connect } from 'node:http2';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { type DecodedPacket, decode, encode, RECURSION_DESIRED } from 'dns-packet';

const TIMEOUT_MS = 5000;

/** GET `path` over HTTP/2 with prior knowledge; the answer's status and body. */
export function h2cGet(host: string, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const session = http2Connect(`http://${host}:${port}`);
    const timer = setTimeout(() => session.destroy(new Error(`no h2c answer from ${host}:${port} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    session.on('error', reject);
    const stream = session.request({ ':method': 'GET', ':path': path });
    let status = 0;
    let body = '';
    stream.setEncoding('utf8');
    stream.on('response', (headers) => {
      status = Number(headers[':status']);
    });
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('end', () => {
      clearTimeout(timer);
      session.close();
      resolve({ status, body });
    });
    stream.on('error', reject);
  });
}

/** GET `path` over HTTPS to `host`:`port`, sending `serverName` as SNI and checking the certificate against `ca`. */
export function httpsGet(host: string, port: number, serverName: string, ca: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest({ host, port, path, servername: serverName, headers: { host: serverName }, ca, agent: false, timeout: TIMEOUT_MS }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`no HTTPS answer from ${host}:${port} within ${TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end();
  });
}

/** Sends each of `lines` and collects `expectedLines` lines of answer (a welcome line counts). */
export function tcpConversation(
  host: string,
  port: number,
  lines: readonly string[],
  expectedLines: number,
  tls?: { serverName: string; ca: string },
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket: Socket = tls ? tlsConnect({ host, port, servername: tls.serverName, ca: tls.ca }) : netConnect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error(`fewer than ${expectedLines} lines from ${host}:${port} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    let received = '';
    socket.setEncoding('utf8');
    socket.once(tls ? 'secureConnect' : 'connect', () => socket.write(lines.map((line) => `${line}\n`).join('')));
    socket.on('data', (chunk: string) => {
      received += chunk;
      const answered = received.split('\n').slice(0, -1);
      if (answered.length < expectedLines) return;
      clearTimeout(timer);
      socket.end();
      resolve(answered);
    });
    socket.on('error', reject);
  });
}

/** One DNS question over UDP; the decoded answer. */
export function dnsQuery(host: string, port: number, name: string, type: 'A' | 'AAAA' = 'A'): Promise<DecodedPacket & { rcode?: string }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no DNS answer from ${host}:${port} within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    socket.on('message', (message: Buffer) => {
      clearTimeout(timer);
      socket.close();
      resolve(decode(message));
    });
    socket.on('error', reject);
    const query = encode({ type: 'query', id: 4711, flags: RECURSION_DESIRED, questions: [{ type, name }] });
    socket.send(query, port, host);
  });
}
