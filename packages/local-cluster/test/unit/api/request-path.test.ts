import assert from 'node:assert/strict';
import { parseRequestPath } from '../../../src/api/request-path.ts';

describe('parseRequestPath', () => {
  it('reads core and group resource paths, namespaced and cluster-wide', () => {
    assert.deepEqual(parseRequestPath('/api/v1/namespaces/default/pods/web-1'), {
      type: 'resource',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: 'default',
      name: 'web-1',
    });
    assert.deepEqual(parseRequestPath('/apis/gateway.networking.k8s.io/v1/gateways'), {
      type: 'resource',
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      resource: 'gateways',
    });
    assert.deepEqual(parseRequestPath('/apis/apps/v1/namespaces/ns1/deployments/web/status'), {
      type: 'resource',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'ns1',
      name: 'web',
      subresource: 'status',
    });
  });

  it('treats namespaces themselves, and their status, as the namespaces resource', () => {
    assert.deepEqual(parseRequestPath('/api/v1/namespaces'), { type: 'resource', group: '', version: 'v1', resource: 'namespaces' });
    assert.deepEqual(parseRequestPath('/api/v1/namespaces/team'), {
      type: 'resource',
      group: '',
      version: 'v1',
      resource: 'namespaces',
      name: 'team',
    });
    assert.deepEqual(parseRequestPath('/api/v1/namespaces/team/status'), {
      type: 'resource',
      group: '',
      version: 'v1',
      resource: 'namespaces',
      name: 'team',
      subresource: 'status',
    });
    assert.deepEqual(parseRequestPath('/api/v1/namespaces/team/services'), {
      type: 'resource',
      group: '',
      version: 'v1',
      resource: 'services',
      namespace: 'team',
    });
  });

  it('recognises discovery, OpenAPI, version and health paths', () => {
    assert.deepEqual(parseRequestPath('/api'), { type: 'legacy-versions' });
    assert.deepEqual(parseRequestPath('/api/v1'), { type: 'group-version', group: '', version: 'v1' });
    assert.deepEqual(parseRequestPath('/apis'), { type: 'group-list' });
    assert.deepEqual(parseRequestPath('/apis/apps'), { type: 'group', group: 'apps' });
    assert.deepEqual(parseRequestPath('/apis/apps/v1'), { type: 'group-version', group: 'apps', version: 'v1' });
    assert.deepEqual(parseRequestPath('/version'), { type: 'version' });
    assert.deepEqual(parseRequestPath('/readyz'), { type: 'health' });
    assert.deepEqual(parseRequestPath('/openapi/v3'), { type: 'openapi-v3-index' });
    assert.deepEqual(parseRequestPath('/openapi/v3/apis/apps/v1'), { type: 'openapi-v3-document', group: 'apps', version: 'v1' });
    assert.deepEqual(parseRequestPath('/openapi/v3/api/v1'), { type: 'openapi-v3-document', group: '', version: 'v1' });
  });

  it('answers unknown for paths that address nothing', () => {
    assert.deepEqual(parseRequestPath('/openapi/v2'), { type: 'unknown' });
    assert.deepEqual(parseRequestPath('/metrics'), { type: 'unknown' });
    assert.deepEqual(parseRequestPath('/api/v1/namespaces/a/pods/b/log/extra'), { type: 'unknown' });
  });
});
