import assert from 'node:assert/strict';
import { translate } from '../../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gatewayStatusOf, httpListener, snapshot, summary } from '../fixtures.ts';
import { allowingGateway, listenerSet, listenerSetStatusOf, setListener } from './listener-set-fixtures.ts';

const run = (parts: Parameters<typeof snapshot>[0]) => translate(snapshot(parts), { controllerName: CONTROLLER });
const host = (name: string) => httpListener(name, { hostname: `${name}.example` });
const onHost = (name: string, hostname: string) => httpListener(name, { hostname: `${hostname}.example` });

describe('translator: ListenerSet listeners merged into the Gateway', () => {
  it("gives a hostname to the Gateway's listener over a set's, and the set keeps its other listeners", () => {
    const result = run({ gateways: [allowingGateway('gw', [host('shared')])], listenerSets: [listenerSet('team', [onHost('mine', 'shared'), host('own')])] });
    assert.deepEqual(summary(setListener(result, 'team', 'mine').conditions), {
      Accepted: 'False/HostnameConflict',
      Programmed: 'False/HostnameConflict',
      ResolvedRefs: 'True/ResolvedRefs',
      Conflicted: 'True/HostnameConflict',
    });
    assert.equal(summary(setListener(result, 'team', 'own').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(listenerSetStatusOf(result, 'team').conditions).Accepted, 'True/ListenersNotValid');
    assert.equal(summary(gatewayStatusOf(result, 'gw').conditions).Accepted, 'True/Accepted', "the Gateway's own listeners are untouched");
    assert.deepEqual(
      result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((vhost) => vhost.hostname),
      ['own.example', 'shared.example'],
    );
  });

  it('orders sets by creation time before name: the older set keeps a contested hostname', () => {
    const older = listenerSet('zz-older', [onHost('first', 'contested')], { created: '2026-01-01T00:00:00Z' });
    const newer = listenerSet('aa-newer', [onHost('second', 'contested')], { created: '2026-01-02T00:00:00Z' });
    const result = run({ gateways: [allowingGateway('gw', [host('web')])], listenerSets: [newer, older] });
    assert.equal(summary(setListener(result, 'zz-older', 'first').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(setListener(result, 'aa-newer', 'second').conditions).Accepted, 'False/HostnameConflict');
    assert.deepEqual(summary(listenerSetStatusOf(result, 'aa-newer').conditions).Accepted, 'False/ListenersNotValid');
  });

  it('orders sets created together by namespace/name', () => {
    const result = run({ gateways: [allowingGateway('gw', [host('web')])], listenerSets: [listenerSet('b', [onHost('from-b', 'contested')]), listenerSet('a', [onHost('from-a', 'contested')])] });
    assert.equal(summary(setListener(result, 'a', 'from-a').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(setListener(result, 'b', 'from-b').conditions).Conflicted, 'True/HostnameConflict');
  });

  it("does not let a refused set's listeners block a later set", () => {
    const refused = listenerSet('a-refused', [onHost('taken', 'web'), httpListener('tcp', { protocol: 'TCP', port: 80 })]);
    const later = listenerSet('b-later', [onHost('free', 'free')]);
    const result = run({ gateways: [allowingGateway('gw', [host('web')])], listenerSets: [refused, later] });
    assert.equal(summary(listenerSetStatusOf(result, 'a-refused').conditions).Accepted, 'False/ListenersNotValid');
    assert.equal(summary(setListener(result, 'a-refused', 'tcp').conditions).Conflicted, 'True/ProtocolConflict');
    assert.equal(summary(listenerSetStatusOf(result, 'b-later').conditions).Accepted, 'True/Accepted');
  });

  it("lets a set reuse a Gateway listener's hostname on another port", () => {
    const result = run({ gateways: [allowingGateway('gw', [host('web')])], listenerSets: [listenerSet('team', [httpListener('alt', { port: 8080, hostname: 'web.example' })])] });
    assert.equal(summary(setListener(result, 'team', 'alt').conditions).Conflicted, 'False/NoConflicts');
  });

  it("adds the ports of a set's listeners to the proxy infrastructure", () => {
    const result = run({ gateways: [allowingGateway('gw', [host('web')])], listenerSets: [listenerSet('team', [httpListener('alt', { port: 8080 })])] });
    assert.deepEqual(result.infra.find((intent) => intent.gateway.name === 'gw')?.ports, [80, 8080]);
  });
});
