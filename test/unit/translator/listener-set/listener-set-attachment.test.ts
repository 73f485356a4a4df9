import assert from 'node:assert/strict';
import { translate } from '../../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayStatusOf, httpListener, namespace, snapshot, summary } from '../fixtures.ts';
import { allowingGateway, listenerSet, listenerSetStatusOf, setListener } from './listener-set-fixtures.ts';

const run = (parts: Parameters<typeof snapshot>[0]) => translate(snapshot(parts), { controllerName: CONTROLLER });
const attachedSets = (result: ReturnType<typeof run>) => (gatewayStatusOf(result, 'gw') as { attachedListenerSets?: number }).attachedListenerSets;

describe('translator: ListenerSet attachment', () => {
  it('refuses every set when the Gateway does not set allowedListeners, and writes no count', () => {
    const result = run({ gateways: [gateway('gw', [httpListener('web')])], listenerSets: [listenerSet('team', [httpListener('team', { hostname: 'team.example' })])] });
    assert.deepEqual(summary(listenerSetStatusOf(result, 'team').conditions), { Accepted: 'False/NotAllowed', Programmed: 'False/NotAllowed' });
    assert.equal(attachedSets(result), undefined);
    assert.deepEqual(result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((host) => host.hostname), [], 'the set adds no virtual host');
  });

  it('with Same, attaches the set of its namespace and refuses one of another namespace', () => {
    const sets = [listenerSet('home', [httpListener('home', { hostname: 'home.example' })]), listenerSet('away', [httpListener('away', { hostname: 'away.example' })], { namespace: 'apps' })];
    const result = run({ gateways: [allowingGateway('gw', [httpListener('web', { hostname: 'gw.example' })], 'Same')], listenerSets: sets, infra: new Map([['infra/gw', { ingress: [{ ip: '127.0.0.9' }], readyReplicas: 1 }]]) });
    assert.deepEqual(summary(listenerSetStatusOf(result, 'home').conditions), { Accepted: 'True/Accepted', Programmed: 'True/Programmed' });
    assert.equal(summary(setListener(result, 'home', 'home').conditions).Programmed, 'True/Programmed');
    assert.equal(summary(listenerSetStatusOf(result, 'away', 'apps').conditions).Accepted, 'False/NotAllowed');
    assert.equal(attachedSets(result), 1);
    assert.deepEqual(result.gateways.get('infra/gw')?.listeners[0]?.virtualHosts.map((host) => host.hostname), ['gw.example', 'home.example']);
  });

  it('with Selector, attaches sets of namespaces whose labels match only', () => {
    const sets = [listenerSet('labelled', [httpListener('a', { hostname: 'a.example' })], { namespace: 'teams' }), listenerSet('plain', [httpListener('b', { hostname: 'b.example' })], { namespace: 'apps' })];
    const result = run({
      gateways: [allowingGateway('gw', [httpListener('web')], 'Selector', { sets: 'yes' })],
      listenerSets: sets,
      namespaces: [namespace('infra'), namespace('apps'), namespace('teams', { sets: 'yes' })],
    });
    assert.equal(summary(listenerSetStatusOf(result, 'labelled', 'teams').conditions).Accepted, 'True/Accepted');
    assert.equal(summary(listenerSetStatusOf(result, 'plain', 'apps').conditions).Accepted, 'False/NotAllowed');
    assert.equal(attachedSets(result), 1);
  });

  it('reports ParentNotAccepted for a set whose Gateway is not accepted', () => {
    const result = run({ gateways: [allowingGateway('gw', [httpListener('web', { protocol: 'example.com/custom' })], 'All')], listenerSets: [listenerSet('team', [httpListener('t')])] });
    assert.deepEqual(summary(listenerSetStatusOf(result, 'team').conditions), { Accepted: 'False/ParentNotAccepted', Programmed: 'False/ParentNotAccepted' });
  });

  it('leaves alone a set naming a Gateway that is not ours', () => {
    const result = run({ gateways: [allowingGateway('gw', [httpListener('web')], 'All')], listenerSets: [listenerSet('elsewhere', [httpListener('t')], { gateway: 'not-ours' })] });
    assert.equal(result.statuses.some((update) => update.kind === 'ListenerSet'), false);
  });

  it("needs a ReferenceGrant naming ListenerSet for a certificate of another namespace; the Gateway's grant does not carry over", () => {
    const https = httpListener('secure', { protocol: 'HTTPS', port: 443, hostname: 's.example', tls: { certificateRefs: [{ name: 'cert', namespace: 'certs' }] } });
    const gatewayGrant = { metadata: { name: 'for-gateways', namespace: 'certs' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret' }] } };
    const result = run({ gateways: [allowingGateway('gw', [httpListener('web')], 'All')], listenerSets: [listenerSet('team', [https])], referenceGrants: [gatewayGrant] });
    assert.equal(summary(setListener(result, 'team', 'secure').conditions).ResolvedRefs, 'False/RefNotPermitted');
    assert.deepEqual(summary(listenerSetStatusOf(result, 'team').conditions), { Accepted: 'False/ListenersNotValid', Programmed: 'False/ListenersNotValid' });
  });
});
