import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { startUdpEcho, type UdpEchoServer } from '../../../reference-impl/echo/udp/udp-echo-server.ts';

async function exchange(port: number, payload: Buffer | string): Promise<string> {
  const client = createSocket('udp4');
  try {
    const reply = once(client, 'message') as Promise<[Buffer]>;
    client.send(payload, port, '127.0.0.1');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no UDP answer within 2 s')), 2000).unref());
    const [data] = await Promise.race([reply, timeout]);
    return data.toString();
  } finally {
    client.close();
  }
}

describe('echo UDP mode', () => {
  let echo: UdpEchoServer;
  const datagrams: { bytes: number }[] = [];
  before(async () => {
    echo = await startUdpEcho({
      host: '127.0.0.1',
      port: 0,
      context: { namespace: 'gateway-conformance-infra', ingress: '', service: 'udp-backend-v1', pod: 'udp-backend-v1-abc' },
      onDatagram: (info) => datagrams.push(info),
    });
  });
  after(() => echo.close());

  it('answers each datagram with the payload and the pod context, in upstream’s field order', async () => {
    const answer = await exchange(echo.port, 'gateway-api-conformance-udp-echo');
    assert.equal(answer, '{"request":"gateway-api-conformance-udp-echo","namespace":"gateway-conformance-infra","ingress":"","service":"udp-backend-v1","pod":"udp-backend-v1-abc"}');
    assert.equal(datagrams.at(-1)?.bytes, 32);
  });

  it('reads at most 1024 bytes of a datagram and escapes like Go', async () => {
    const long = JSON.parse(await exchange(echo.port, 'x'.repeat(1500))) as { request: string };
    assert.equal(long.request.length, 1024);
    const html = await exchange(echo.port, '<a&b>');
    assert.match(html, /"request":"\\u003ca\\u0026b\\u003e"/);
  });
});
