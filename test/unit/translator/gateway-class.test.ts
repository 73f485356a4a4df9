import assert from 'node:assert/strict';
import type { Condition } from '../../../reference-impl/controller/translator/snapshot.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayClass, httpListener, NOW, snapshot, statusOf, summary } from './fixtures.ts';

describe('translator: GatewayClass', () => {
  it('accepts a class naming our controller, with observedGeneration and the snapshot time', () => {
    const result = translate(snapshot({}), { controllerName: CONTROLLER });
    const status = statusOf(result, 'GatewayClass', 'gauntlet') as { conditions: { observedGeneration: number; lastTransitionTime: string }[] };
    assert.deepEqual(summary(status.conditions as never), { Accepted: 'True/Accepted', SupportedVersion: 'True/SupportedVersion' });
    assert.equal(status.conditions[0]?.observedGeneration, 1);
    assert.equal(status.conditions[0]?.lastTransitionTime, NOW);
  });

  it('refuses a class with parametersRef (InvalidParameters) and, with it, its Gateways', () => {
    const withParameters = gatewayClass();
    withParameters.spec.parametersRef = { group: 'example.com', kind: 'ProxyConfig', name: 'tuning' };
    const result = translate(snapshot({ gatewayClasses: [withParameters], gateways: [gateway('gw', [httpListener('http')])] }), { controllerName: CONTROLLER });
    const classStatus = statusOf(result, 'GatewayClass', 'gauntlet') as { conditions: Condition[] };
    assert.equal(summary(classStatus.conditions).Accepted, 'False/InvalidParameters');
    const gatewayAccepted = (statusOf(result, 'Gateway', 'gw', 'infra') as { conditions: Condition[] }).conditions[0];
    assert.equal(`${gatewayAccepted?.status}/${gatewayAccepted?.reason}`, 'False/InvalidParameters');
    assert.match(gatewayAccepted?.message ?? '', /GatewayClass gauntlet names parameters \(ProxyConfig tuning\)/);
    assert.equal(result.gateways.size, 0);
    assert.deepEqual(result.infra, []);
  });

  it('ignores classes of other controllers and their Gateways', () => {
    const other = gatewayClass('other', 'example.com/other');
    const gw = { ...gateway('foreign', [httpListener('http')]), spec: { gatewayClassName: 'other', listeners: [httpListener('http')] } };
    const result = translate(snapshot({ gatewayClasses: [other], gateways: [gw] }), { controllerName: CONTROLLER });
    assert.deepEqual(result.statuses, []);
    assert.equal(result.gateways.size, 0);
    assert.deepEqual(result.infra, []);
  });

  it('ignores Gateways whose class does not exist', () => {
    const gw = { ...gateway('orphan', [httpListener('http')]), spec: { gatewayClassName: 'missing', listeners: [httpListener('http')] } };
    const result = translate(snapshot({ gateways: [gw] }), { controllerName: CONTROLLER });
    assert.equal(result.statuses.filter((update) => update.kind === 'Gateway').length, 0);
  });
});

describe('translator: GatewayClass SupportedVersion and supportedFeatures', () => {
  const crd = (name: string, bundleVersion?: string) => ({ name: `${name}.gateway.networking.k8s.io`, ...(bundleVersion ? { bundleVersion } : {}) });
  const classStatus = (gatewayApiCrds: { name: string; bundleVersion?: string }[]) =>
    statusOf(translate(snapshot({ gatewayApiCrds }), { controllerName: CONTROLLER }), 'GatewayClass', 'gauntlet') as {
      conditions: Condition[];
      supportedFeatures: { name: string }[];
    };

  it('is True for the pinned release and lists the implemented features sorted by name', () => {
    const status = classStatus([crd('gateways', 'v1.6.1'), crd('httproutes', 'v1.6.1')]);
    assert.deepEqual(summary(status.conditions), { Accepted: 'True/Accepted', SupportedVersion: 'True/SupportedVersion' });
    const names = status.supportedFeatures.map((feature) => feature.name);
    assert.ok(names.includes('Gateway') && names.includes('HTTPRoute'));
    assert.deepEqual(names, [...names].sort(), 'the spec requires ascending order by name');
  });

  it('is False (best effort: still Accepted) for an unknown release or a CRD without the annotation', () => {
    const newer = classStatus([crd('gateways', 'v1.6.1'), crd('httproutes', 'v1.9.0')]);
    assert.deepEqual(summary(newer.conditions), { Accepted: 'True/Accepted', SupportedVersion: 'False/UnsupportedVersion' });
    assert.match(newer.conditions[1]?.message ?? '', /httproutes\.gateway\.networking\.k8s\.io \(v1\.9\.0\)/);
    const bare = classStatus([crd('gateways', 'v1.6.1'), crd('httproutes')]);
    assert.equal(summary(bare.conditions).SupportedVersion, 'False/UnsupportedVersion');
    assert.match(bare.conditions[1]?.message ?? '', /without the gateway\.networking\.k8s\.io\/bundle-version annotation: httproutes/);
    assert.equal(summary(classStatus([]).conditions).SupportedVersion, 'False/UnsupportedVersion');
  });
});
