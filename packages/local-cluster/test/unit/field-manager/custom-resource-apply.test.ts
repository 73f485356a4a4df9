import assert from 'node:assert/strict';
import { crdShape } from '../../../src/api/field-manager/crd-shape.ts';
import { applyWithOwnership, type FieldManagement } from '../../../src/api/field-manager/field-manager.ts';
import { FieldShapeError } from '../../../src/api/field-manager/list-items.ts';
import type { StructuralSchema } from '../../../src/crd/structural-schema.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

// The parts of a Gateway's schema that decide how apply merges it.
const schema: StructuralSchema = {
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        gatewayClassName: { type: 'string' },
        addresses: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' } } } },
        infrastructure: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { labels: { type: 'object', additionalProperties: { type: 'string' } } } },
        listeners: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['name'],
          items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' }, protocol: { type: 'string' }, hostname: { type: 'string' } } },
        },
      },
    },
    status: { type: 'object' },
  },
};

const management: FieldManagement = { shape: crdShape(schema), apiVersion: 'gateway.networking.k8s.io/v1', subresource: undefined, statusIsSubresource: true, builtIn: false, now: new Date(0) };

function gateway(spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'edge', namespace: 'default' }, spec };
}

const listener = (name: string, port: number) => ({ name, port, protocol: 'HTTP' });

describe('server-side apply of a custom resource, by its CRD schema', () => {
  it('merges a map list by its keys: two appliers each own their listeners, and one leaving its listener out removes only that one', () => {
    const first = applyWithOwnership(undefined, gateway({ gatewayClassName: 'gauntlet', listeners: [listener('http', 80)] }), 'team-a', false, management);
    const second = applyWithOwnership(first, gateway({ listeners: [listener('admin', 9000)] }), 'team-b', false, management);
    assert.deepEqual((second.spec as { listeners: { name: string }[] }).listeners.map((l) => l.name), ['http', 'admin']);
    const fields = (second.metadata.managedFields as { manager: string; fieldsV1: unknown }[]).map((e) => [e.manager, e.fieldsV1]);
    assert.deepEqual(fields[1], ['team-b', { 'f:spec': { 'f:listeners': { 'k:{"name":"admin"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {} } } } }]);
    const withoutB = applyWithOwnership(second, gateway({}), 'team-b', false, management);
    assert.deepEqual((withoutB.spec as { listeners: { name: string }[] }).listeners.map((l) => l.name), ['http']);
  });

  it('replaces a list without x-kubernetes-list-type and an atomic object whole, owning each as one field', () => {
    const first = applyWithOwnership(undefined, gateway({ addresses: [{ value: '10.0.0.1' }], infrastructure: { labels: { a: '1' } } }), 'team-a', false, management);
    const forced = applyWithOwnership(first, gateway({ addresses: [{ value: '10.0.0.2' }], infrastructure: { labels: { b: '2' } } }), 'team-b', true, management);
    assert.deepEqual(forced.spec, { addresses: [{ value: '10.0.0.2' }], infrastructure: { labels: { b: '2' } } });
    assert.deepEqual((forced.metadata.managedFields as { fieldsV1: unknown }[])[0]?.fieldsV1, { 'f:spec': { 'f:addresses': {}, 'f:infrastructure': {} } });
  });

  it('refuses a keyed list item without its key, and two items with the same key', () => {
    assert.throws(() => applyWithOwnership(undefined, gateway({ listeners: [{ port: 80 }] }), 'a', false, management), (error: unknown) => error instanceof FieldShapeError && /\.spec\.listeners: element 0: associative list with keys has an element that omits key field "name"/.test(error.message));
    assert.throws(() => applyWithOwnership(undefined, gateway({ listeners: [listener('x', 1), listener('x', 2)] }), 'a', false, management), /duplicate entries for key \[name="x"\]/);
  });
});
