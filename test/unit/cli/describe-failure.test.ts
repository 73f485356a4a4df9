import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describeFailure } from '../../../harness/cli/describe-failure.ts';
import { UsageError } from '../../../harness/cli/usage-error.ts';

function listen(port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(undefined)));
  });
}

describe('describeFailure', () => {
  it('passes our own errors through: they already say what, where and what to do', () => {
    assert.deepEqual(describeFailure(new UsageError('--cluster kind: unknown provider; use local or kubeconfig')), {
      code: 'GAUNTLET_USAGE',
      message: '--cluster kind: unknown provider; use local or kubeconfig',
      bug: false,
    });
  });

  it("puts Node's system errors in the same words: a port in use names the port and how to find its holder", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const error = await listen(port);
      assert.ok(error);
      const failure = describeFailure(error);
      assert.equal(failure.code, 'EADDRINUSE');
      assert.equal(failure.message, `127.0.0.1:${port} is in use by another program (listen): stop that program, or find it with ss -ltnp 'sport = :${port}'`);
    } finally {
      holder.close();
    }
  });

  it('calls anything else a bug in gauntlet and points at --debug', () => {
    const failure = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"));
    assert.equal(failure.bug, true);
    assert.equal(
      failure.message,
      "internal error: Cannot read properties of undefined (reading 'x'). This is a bug in gauntlet, not in your input: rerun with --debug for the stack trace and report it with that output",
    );
  });
});
