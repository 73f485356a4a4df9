import assert from 'node:assert/strict';
import net from 'node:net';
import { RuntimeError } from '../../../src/runtime/runtime-error.ts';
import { type ForwardTarget, TcpForwarder } from '../../../src/runtime/tcp-forwarder.ts';

/** A TCP server that answers every connection with its name and closes. */
async function namedServer(name: string): Promise<net.Server> {
  const server = net.createServer((socket) => socket.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function portOf(server: net.Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** What a connection to host:port reads, or the error code that ended it. */
function read(port: number): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('TcpForwarder', () => {
  const servers: net.Server[] = [];
  let forwarder: TcpForwarder | undefined;

  afterEach(async () => {
    await forwarder?.close();
    forwarder = undefined;
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('hands each connection to the target chosen for it', async () => {
    const a = await namedServer('a');
    const b = await namedServer('b');
    servers.push(a, b);
    const targets: ForwardTarget[] = [
      { host: '127.0.0.1', port: portOf(a) },
      { host: '127.0.0.1', port: portOf(b) },
    ];
    let turn = 0;
    forwarder = await TcpForwarder.listen('127.0.0.1', 0, () => targets[turn++ % 2]);
    const port = forwarder.port;
    assert.deepEqual([await read(port), await read(port), await read(port)], ['a', 'b', 'a']);
  });

  it('passes a client FIN on and still delivers the answer that follows it (half-close)', async () => {
    // Answers only once the client has finished sending, as a request/response protocol over one stream may.
    const upper = net.createServer({ allowHalfOpen: true }, (socket) => {
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      socket.on('end', () => socket.end(received.toUpperCase()));
    });
    await new Promise<void>((resolve) => upper.listen(0, '127.0.0.1', resolve));
    servers.push(upper);
    forwarder = await TcpForwarder.listen('127.0.0.1', 0, () => ({ host: '127.0.0.1', port: portOf(upper) }));
    const port = forwarder.port;
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => socket.end('shout'));
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    assert.equal(answer, 'SHOUT');
  });

  it('resets the connection when there is no target or the target refuses', async () => {
    forwarder = await TcpForwarder.listen('127.0.0.1', 0, () => undefined);
    assert.equal(await read(forwarder.port), 'ECONNRESET');
    await forwarder.close();
    const closed = await namedServer('gone');
    const deadPort = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    forwarder = await TcpForwarder.listen('127.0.0.1', 0, () => ({ host: '127.0.0.1', port: deadPort }));
    assert.equal(await read(forwarder.port), 'ECONNRESET');
  });

  it('fails with PortBindFailed naming the address when the port is taken', async () => {
    const taken = await namedServer('x');
    servers.push(taken);
    await assert.rejects(
      TcpForwarder.listen('127.0.0.1', portOf(taken), () => undefined),
      (error: unknown) => error instanceof RuntimeError && error.code === 'PortBindFailed' && error.message.includes(`127.0.0.1:${portOf(taken)}`),
    );
  });
});
