import assert from 'node:assert/strict';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { CONTROLLER, gateway, gatewayClass, httpListener, NOW, snapshot, statusOf, summary } from './fixtures.ts';

describe('translator: GatewayClass', () => {
  it('accepts a class naming our controller, with observedGeneration and the snapshot time', () => {
    const result = translate(snapshot({}), { controllerName: CONTROLLER });
    const status = statusOf(result, 'GatewayClass', 'gauntlet') as { conditions: { observedGeneration: number; lastTransitionTime: string }[] };
    assert.deepEqual(summary(status.conditions as never), { Accepted: 'True/Accepted' });
    assert.equal(status.conditions[0]?.observedGeneration, 1);
    assert.equal(status.conditions[0]?.lastTransitionTime, NOW);
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
