import assert from 'node:assert/strict';
import type { CustomObjectsApi } from '@kubernetes/client-node';
import { StatusWriter } from '../../../reference-impl/controller/status/status-writer.ts';
import type { StatusUpdate } from '../../../reference-impl/controller/translator/translation-result.ts';

interface PatchRequest {
  namespace?: string;
  plural: string;
  name: string;
  body: { status?: unknown; metadata?: { resourceVersion?: string } };
}

function recordingApi(answer: () => Promise<unknown>) {
  const requests: PatchRequest[] = [];
  const record = (request: PatchRequest) => {
    requests.push(request);
    return answer();
  };
  const api = { patchNamespacedCustomObjectStatus: record, patchClusterCustomObjectStatus: record };
  return { api: api as unknown as CustomObjectsApi, requests };
}

const update: StatusUpdate = {
  kind: 'HTTPRoute',
  namespace: 'infra',
  name: 'route',
  status: { parents: [{ parentRef: { name: 'gw' }, controllerName: 'gauntlet.dev/gateway-controller', conditions: [] }] },
};

describe('status writer', () => {
  it('makes the resourceVersion the status was computed from a precondition of the patch', async () => {
    const { api, requests } = recordingApi(async () => ({}));
    const outcome = await new StatusWriter(api).write(update, { status: { parents: [] }, resourceVersion: '41' });
    assert.equal(outcome, 'written');
    assert.equal(requests[0]?.body.metadata?.resourceVersion, '41');
    assert.deepEqual(requests[0]?.body.status, update.status);
  });

  it('writes nothing when the stored status already is the desired one', async () => {
    const { api, requests } = recordingApi(async () => ({}));
    assert.equal(await new StatusWriter(api).write(update, { status: update.status, resourceVersion: '41' }), 'unchanged');
    assert.equal(requests.length, 0);
  });

  it('reports a conflict (the status changed meanwhile) as an error to retry, and a deleted object as gone', async () => {
    const conflict = recordingApi(async () => Promise.reject(Object.assign(new Error('Conflict'), { code: 409 })));
    await assert.rejects(new StatusWriter(conflict.api).write(update, { status: undefined, resourceVersion: '7' }), /HTTPRoute infra\/route/);
    const gone = recordingApi(async () => Promise.reject(Object.assign(new Error('Not Found'), { code: 404 })));
    assert.equal(await new StatusWriter(gone.api).write(update, { status: undefined, resourceVersion: '7' }), 'gone');
  });
});
