import assert from 'node:assert/strict';
import { readSettings } from '../../../reference-impl/controller/controller-settings.ts';
import { applyDeviation, proxyEnvironmentFor } from '../../../reference-impl/controller/deviation.ts';
import { proxyDeployment } from '../../../reference-impl/controller/infra/proxy-manifests.ts';
import type { GatewayIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { listener, match, rule, service, vhost } from '../proxy/ir-builders.ts';

const ir: GatewayIR = {
  schemaVersion: 4,
  gateway: { namespace: 'ns', name: 'gw' },
  listeners: [listener([vhost('*', [rule('split', match(), [service('v1', 70), service('v2', 30), service('v3', 0)])])], 80)],
};
const weights = (irs: Map<string, GatewayIR>) => irs.get('ns/gw')?.listeners[0]?.virtualHosts[0]?.rules[0]?.backends.map((backend) => backend.weight);

describe('controller deviations (DEVIATE), for side-by-side demonstrations', () => {
  it('serves the IR as translated when no deviation is set', () => {
    const irs = new Map([['ns/gw', ir]]);
    assert.equal(applyDeviation(irs, undefined), irs);
    assert.deepEqual(weights(irs), [70, 30, 0]);
  });

  it('equal-backend-weights gives every non-zero backend weight 1, leaving weight 0 alone', () => {
    assert.deepEqual(weights(applyDeviation(new Map([['ns/gw', ir]]), 'equal-backend-weights')), [1, 1, 0]);
    assert.deepEqual(weights(new Map([['ns/gw', ir]])), [70, 30, 0], 'the translated IR is not changed in place');
  });

  it('slow-proxy leaves the translation alone and gives the provisioned proxies ADDED_LATENCY_MS', () => {
    const irs = new Map([['ns/gw', ir]]);
    assert.equal(applyDeviation(irs, 'slow-proxy'), irs);
    assert.deepEqual(proxyEnvironmentFor(undefined), []);
    assert.deepEqual(proxyEnvironmentFor('equal-backend-weights'), []);
    const intent = { gateway: { namespace: 'ns', name: 'gw', uid: 'u' }, ports: [80], udpPorts: [] };
    const env = (extraEnv: { name: string; value: string }[]) =>
      (proxyDeployment(intent, { image: 'i', configServer: 'c:1', extraEnv }) as unknown as { spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } } }).spec.template.spec.containers[0]?.env;
    assert.deepEqual(env(proxyEnvironmentFor('slow-proxy'))?.at(-1), { name: 'ADDED_LATENCY_MS', value: '15' });
    assert.equal(env([])?.some((entry) => entry.name === 'ADDED_LATENCY_MS'), false);
  });

  it('reads DEVIATE from the environment and refuses an unknown one', () => {
    assert.equal(readSettings({ POD_IP: '127.0.0.1', DEVIATE: 'equal-backend-weights' }).deviation, 'equal-backend-weights');
    assert.equal(readSettings({ POD_IP: '127.0.0.1' }).deviation, undefined);
    assert.throws(() => readSettings({ POD_IP: '127.0.0.1', DEVIATE: 'chaos' }), /DEVIATE "chaos" is not a known deviation \(equal-backend-weights, slow-proxy\)/);
  });
});
