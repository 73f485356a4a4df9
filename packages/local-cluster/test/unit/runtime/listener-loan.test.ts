// A TCP forwarder's listening socket lent to a process with the pod sandbox's borrowing: the process's own
// server answers on the forwarder's address, also after replacing that server; the socket comes back on
// takeBack() (the forwarder answers again) and when the process exits.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { TcpForwarder } from '../../../src/runtime/tcp-forwarder.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/borrowing-server.ts', import.meta.url));
const POD_IP = '127.0.0.1';

async function text(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(3000) });
  return response.text();
}

/** Whether something accepts a TCP connection on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('listener loans', function () {
  this.timeout(20_000);
  let child: ChildProcess | undefined;
  let forwarder: TcpForwarder | undefined;
  afterEach(async () => {
    await forwarder?.close();
    child?.kill();
  });

  it('lends the socket to the process server, follows a replaced server, and takes it back', async () => {
    const backend = 20_000 + (process.pid % 10_000);
    child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, BORROW_HOST: POD_IP, BORROW_PORT: String(backend) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await once(child, 'message');
    forwarder = await TcpForwarder.listen('127.0.0.1', 0, () => ({ host: POD_IP, port: backend }));
    const borrower = { podIP: POD_IP, process: child };
    assert.equal(await forwarder.lend(borrower, backend + 1), false, 'no server of the process on that port: declined');
    assert.equal(await text(forwarder.port), 'first', 'still forwarded');
    assert.equal(await forwarder.lend(borrower, backend), true);
    assert.equal(forwarder.lentTo, POD_IP);
    assert.equal(await text(forwarder.port), 'first');
    child.send('replace');
    await once(child, 'message');
    assert.equal(await text(forwarder.port), 'second', 'the replacing server takes the connections');
    await forwarder.takeBack();
    assert.equal(forwarder.lentTo, undefined);
    assert.equal(await text(forwarder.port), 'second', 'forwarded again');
    assert.equal(await forwarder.lend(borrower, backend), true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(forwarder.lentTo, undefined, 'the loan ends with the process');
    assert.equal(await accepts(forwarder.port), true, 'the forwarder listens again (its backend is gone: it resets what it accepts)');
  });
});
