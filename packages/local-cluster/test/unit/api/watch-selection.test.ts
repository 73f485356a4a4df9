import assert from 'node:assert/strict';
import { WatchSelection } from '../../../src/api/watch-selection.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

function pod(name: string, app: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, uid: `uid-${name}`, labels: { app } } };
}

const isWeb = (o: KubeObject) => o.metadata.labels?.app === 'web';

describe('WatchSelection', () => {
  it('reports an object entering the selection as ADDED and leaving it as DELETED', () => {
    const selection = new WatchSelection(isWeb, []);
    assert.equal(selection.translate({ type: 'ADDED', object: pod('a', 'api') }), undefined);
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('a', 'web') })?.type, 'ADDED');
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('a', 'web') })?.type, 'MODIFIED');
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('a', 'api') })?.type, 'DELETED');
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('a', 'api') }), undefined);
    assert.equal(selection.translate({ type: 'DELETED', object: pod('a', 'api') }), undefined);
  });

  it('treats objects matching when the watch resumed as already known to the client', () => {
    const selection = new WatchSelection(isWeb, [pod('b', 'web'), pod('c', 'api')]);
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('b', 'web') })?.type, 'MODIFIED');
    assert.equal(selection.translate({ type: 'DELETED', object: pod('b', 'web') })?.type, 'DELETED');
    assert.equal(selection.translate({ type: 'MODIFIED', object: pod('c', 'api') }), undefined);
  });
});
