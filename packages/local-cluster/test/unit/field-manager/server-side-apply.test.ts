import assert from 'node:assert/strict';
import { applyConflictError } from '../../../src/api/field-manager/apply-conflict-error.ts';
import { builtInShape } from '../../../src/api/field-manager/built-in-shape.ts';
import { applyWithOwnership, type FieldManagement, managedFieldsAfterUpdate } from '../../../src/api/field-manager/field-manager.ts';
import { ApplyConflicts } from '../../../src/api/field-manager/updater.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

function deploymentManagement(now = at(0), subresource?: 'status' | 'scale'): FieldManagement {
  return { shape: builtInShape('Deployment'), apiVersion: 'apps/v1', subresource, statusIsSubresource: true, builtIn: true, now };
}

function deployment(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

const container = (fields: Record<string, unknown>) => ({ name: 'c', image: 'nginx', ...fields });

function entries(object: KubeObject): { manager: string; operation: string; fieldsV1: unknown; subresource?: string }[] {
  return (object.metadata.managedFields ?? []) as { manager: string; operation: string; fieldsV1: unknown }[];
}

function conflictsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApplyConflicts) return applyConflictError(error.conflicts).message;
    throw error;
  }
  assert.fail('the apply succeeded but was expected to conflict');
}

describe('server-side apply field ownership', () => {
  it('records what an applier sets as FieldsV1: list items by their keys (defaults filled in), a label selector as one field', () => {
    const applied = applyWithOwnership(
      undefined,
      deployment({ replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [container({ ports: [{ containerPort: 80 }] })] } } }),
      'kubectl',
      false,
      deploymentManagement(),
    );
    assert.deepEqual(entries(applied), [
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2026-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:spec': {
                'f:containers': {
                  'k:{"name":"c"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('lets two appliers share a field set to the same value, and refuses a different value with a conflict naming field and manager', () => {
    const first = applyWithOwnership(undefined, deployment({ replicas: 2, paused: false }), 'alice', false, deploymentManagement());
    const shared = applyWithOwnership(first, deployment({ replicas: 2 }), 'bob', false, deploymentManagement(at(1)));
    assert.deepEqual(entries(shared).map((e) => e.manager), ['alice', 'bob']);
    const message = conflictsOf(() => applyWithOwnership(shared, deployment({ replicas: 5, paused: true }), 'bob', false, deploymentManagement(at(2))));
    assert.equal(message, 'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.paused\n- .spec.replicas');
    assert.equal(conflictsOf(() => applyWithOwnership(shared, deployment({ replicas: 5 }), 'bob', false, deploymentManagement())), 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
  });

  it('moves a field to the applier when forced', () => {
    const first = applyWithOwnership(undefined, deployment({ replicas: 2, paused: false }), 'alice', false, deploymentManagement());
    const forced = applyWithOwnership(first, deployment({ replicas: 5 }), 'bob', true, deploymentManagement());
    assert.equal((forced.spec as { replicas: number }).replicas, 5);
    assert.deepEqual(
      entries(forced).map((e) => [e.manager, e.fieldsV1]),
      [
        ['alice', { 'f:spec': { 'f:paused': {} } }],
        ['bob', { 'f:spec': { 'f:replicas': {} } }],
      ],
    );
  });

  it('removes a field its only applier leaves out, and keeps one another manager still owns', () => {
    const first = applyWithOwnership(undefined, deployment({ replicas: 2, paused: true, minReadySeconds: 5 }), 'alice', false, deploymentManagement());
    const both = applyWithOwnership(first, deployment({ minReadySeconds: 5 }), 'bob', false, deploymentManagement());
    const after = applyWithOwnership(both, deployment({ replicas: 2 }), 'alice', false, deploymentManagement());
    assert.deepEqual(after.spec, { replicas: 2, minReadySeconds: 5 });
  });

  it('removes a container its applier leaves out, and merges the containers of two appliers by name', () => {
    const first = applyWithOwnership(undefined, deployment({ template: { spec: { containers: [container({}), { name: 'side', image: 'busybox' }] } } }), 'alice', false, deploymentManagement());
    const second = applyWithOwnership(first, deployment({ template: { spec: { containers: [{ name: 'extra', image: 'envoy' }] } } }), 'bob', false, deploymentManagement());
    const after = applyWithOwnership(second, deployment({ template: { spec: { containers: [container({})] } } }), 'alice', false, deploymentManagement());
    const names = ((after.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers).map((c) => c.name);
    assert.deepEqual(names, ['c', 'extra']);
  });

  it('records an Update: the writer takes the fields it changed from everyone else, and an apply then conflicts with it', () => {
    const applied = applyWithOwnership(undefined, deployment({ replicas: 2 }, { labels: { app: 'web' } }), 'kubectl', false, deploymentManagement());
    const edited = { ...applied, spec: { replicas: 7 } };
    edited.metadata = { ...applied.metadata, managedFields: managedFieldsAfterUpdate(applied, edited, 'kubectl-edit', deploymentManagement(at(3))) ?? [] };
    assert.deepEqual(
      entries(edited).map((e) => [e.manager, e.operation, e.fieldsV1]),
      [
        ['kubectl', 'Apply', { 'f:metadata': { 'f:labels': { 'f:app': {} } } }],
        ['kubectl-edit', 'Update', { 'f:spec': { 'f:replicas': {} } }],
      ],
    );
    assert.equal(
      conflictsOf(() => applyWithOwnership(edited, deployment({ replicas: 2 }, { labels: { app: 'web' } }), 'kubectl', false, deploymentManagement())),
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas',
    );
  });

  it('does not start tracking an object that has no managedFields on update, and gives its fields to before-first-apply on the first apply', () => {
    const untracked = deployment({ replicas: 3 });
    assert.equal(managedFieldsAfterUpdate(untracked, deployment({ replicas: 4 }), 'someone', deploymentManagement()), undefined);
    const message = conflictsOf(() => applyWithOwnership(untracked, deployment({ replicas: 1 }), 'kubectl', false, deploymentManagement()));
    assert.equal(message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
  });

  it('clears managedFields when a client writes managedFields: [{}], and takes the ones a client sends', () => {
    const applied = applyWithOwnership(undefined, deployment({ replicas: 2 }), 'kubectl', false, deploymentManagement());
    const cleared = { ...applied, metadata: { ...applied.metadata, managedFields: [{}] } };
    assert.equal(managedFieldsAfterUpdate(applied, cleared, 'kubectl-edit', deploymentManagement()), undefined);
    const sent = [{ manager: 'mine', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    const replaced = managedFieldsAfterUpdate(applied, { ...applied, metadata: { ...applied.metadata, managedFields: sent } }, 'kubectl-edit', deploymentManagement());
    assert.deepEqual(replaced, sent);
  });

  it('keeps status and spec managers apart: the main endpoint ignores status, /status owns only status', () => {
    const applied = applyWithOwnership(undefined, { ...deployment({ replicas: 2 }), status: { replicas: 9 } }, 'kubectl', false, deploymentManagement());
    assert.deepEqual(entries(applied)[0]?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    const live = { ...applied, status: { replicas: 1 } };
    const withStatus = { ...applied, status: { replicas: 2, conditions: [{ type: 'Available', status: 'True' }] } };
    const fields = managedFieldsAfterUpdate(live, withStatus, 'kube-controller-manager', deploymentManagement(at(1), 'status')) as { manager: string; subresource?: string; fieldsV1: unknown }[];
    assert.deepEqual(fields.at(-1), {
      manager: 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: '2026-01-01T00:00:01Z',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:conditions': { '.': {}, 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:replicas': {} } },
      subresource: 'status',
    });
  });

  it('lets kubectl take over from client-side apply: fields still as last applied do not conflict, and the annotation follows', () => {
    const lastApplied = JSON.stringify(deployment({ replicas: 2 }));
    const created = deployment({ replicas: 2 }, { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } });
    created.metadata.managedFields = managedFieldsAfterUpdate(undefined, created, 'kubectl-client-side-apply', deploymentManagement());
    const applied = applyWithOwnership(created, deployment({ replicas: 2, paused: true }), 'kubectl', false, deploymentManagement());
    assert.match(applied.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '', /"paused":true/);
    // Another manager gets no such allowance.
    assert.match(conflictsOf(() => applyWithOwnership(created, deployment({ replicas: 3 }), 'helm', false, deploymentManagement())), /conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas/);
  });
});
