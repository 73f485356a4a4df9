import assert from 'node:assert/strict';
import { AddressBlock } from '../../../src/runtime/address-block.ts';
import { rewriteBind, rewriteConnect, rewriteDatagramConnect, rewriteListen, rewriteSend } from '../../../src/runtime/pod-network-arguments.ts';
import { PodPortMapping } from '../../../src/runtime/pod-port-mapping.ts';

const POD = '127.10.4.9';
const mapped = new PodPortMapping(new AddressBlock('127.10', 4, 4), 1024);
const unmapped = new PodPortMapping(new AddressBlock('127.10', 4, 4), 0);
const callback = () => {};

describe('PodPortMapping', () => {
  it('maps ports below the unprivileged start on pod addresses only, and back', () => {
    assert.equal(mapped.hostPort(POD, 80), 10_080);
    assert.equal(mapped.hostPort(POD, 1023), 11_023);
    assert.equal(mapped.hostPort(POD, 1024), 1024);
    assert.equal(mapped.hostPort(POD, 0), 0, 'port 0 (any free port) stays');
    assert.equal(mapped.hostPort('127.10.8.1', 80), 80, "another cluster's pod address");
    assert.equal(mapped.hostPort('127.0.0.1', 80), 80);
    assert.equal(mapped.podPort(POD, 10_080), 80);
    assert.equal(mapped.podPort(POD, 12_000), 12_000);
    assert.equal(unmapped.hostPort(POD, 80), 80);
    assert.ok(mapped.canBind(8080) && !mapped.canBind(80) && unmapped.canBind(80));
  });

  it('never maps below a sysctl above 1024 past the offset', () => {
    assert.equal(new PodPortMapping(new AddressBlock('127.10'), 4000).mappedBelow, 1024);
  });
});

describe('pod network argument rewriting', () => {
  it("listen: every form; any address becomes the pod's own; low ports move", () => {
    assert.deepEqual(rewriteListen([80, POD, callback], mapped, POD), { args: [{ port: 10_080, host: POD }, callback], mapped: true });
    assert.deepEqual(rewriteListen(['80', callback], mapped, POD).args, [{ port: 10_080, host: POD }, callback]);
    assert.deepEqual(rewriteListen([8080, '0.0.0.0', 511, callback], mapped, POD).args, [{ port: 8080, host: POD, backlog: 511 }, callback]);
    assert.deepEqual(rewriteListen([{ port: 443, host: '::', reusePort: true }], mapped, POD), { args: [{ port: 10_443, host: POD, reusePort: true }], mapped: true });
    assert.deepEqual(rewriteListen([callback], mapped, POD).args, [{ port: 0, host: POD }, callback]);
    assert.deepEqual(rewriteListen([], unmapped, POD), { args: [{ port: 0, host: POD }], mapped: false });
    assert.deepEqual(rewriteListen([80, '127.0.0.1'], mapped, POD).args, [{ port: 80, host: '127.0.0.1' }], 'a host address is left alone');
    for (const untouched of [['/tmp/socket'], [{ path: '/tmp/socket' }], [{ fd: 3 }], [{ handle: {} }]]) {
      assert.deepEqual(rewriteListen(untouched, mapped, POD), { args: untouched, mapped: false });
    }
  });

  it('connect: options, positional, and the normalized list net.connect passes, its marker symbol kept', () => {
    assert.deepEqual(rewriteConnect([{ host: POD, port: 80 }, callback], mapped), [{ host: POD, port: 10_080 }, callback]);
    assert.deepEqual(rewriteConnect([80, POD], mapped), [10_080, POD]);
    assert.deepEqual(rewriteConnect([80], mapped), [80], 'localhost is not a pod');
    const marker = Symbol('normalizedArgs');
    const normalized = Object.assign([{ host: POD, port: '80', servername: 'x' }, callback], { [marker]: true });
    const [rewritten] = rewriteConnect([normalized], mapped) as [unknown[] & Record<symbol, unknown>];
    assert.deepEqual(rewritten[0], { host: POD, port: 10_080, servername: 'x' });
    assert.equal(rewritten[1], callback);
    assert.equal(rewritten[marker], true);
    assert.equal(normalized[0] && (normalized[0] as { port: string }).port, '80', "the caller's options are not changed");
    const untouched = [{ host: POD, port: 3000 }];
    assert.equal(rewriteConnect(untouched, mapped), untouched);
    assert.deepEqual(rewriteConnect(['/tmp/socket'], mapped), ['/tmp/socket']);
  });

  it('dgram: bind, send in both forms, connect', () => {
    assert.deepEqual(rewriteBind([53, callback], mapped, POD), { args: [{ port: 10_053, address: POD }, callback], mapped: true });
    assert.deepEqual(rewriteBind([{ port: 5353, address: '0.0.0.0' }], mapped, POD).args, [{ port: 5353, address: POD }]);
    assert.deepEqual(rewriteBind([], mapped, POD).args, [{ port: 0, address: POD }]);
    const message = Buffer.from('x');
    assert.deepEqual(rewriteSend([message, 53, POD, callback], mapped), [message, 10_053, POD, callback]);
    assert.deepEqual(rewriteSend([message, 0, 1, 53, POD, callback], mapped), [message, 0, 1, 10_053, POD, callback]);
    assert.deepEqual(rewriteSend([message, 53, '127.0.0.1'], mapped), [message, 53, '127.0.0.1']);
    assert.deepEqual(rewriteDatagramConnect([53, POD], mapped), [10_053, POD]);
  });
});
