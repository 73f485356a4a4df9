import assert from 'node:assert/strict';
import { defaultPrinterColumns, printerColumnsOfCrd, toTable } from '../../../src/api/table/to-table.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';

const now = new Date('2026-03-01T12:00:00Z');

interface Table {
  kind: string;
  apiVersion: string;
  metadata: { resourceVersion: string };
  columnDefinitions: { name: string; type: string; format: string; priority: number }[];
  rows: { cells: unknown[]; object: { kind: string; apiVersion: string; metadata: Record<string, unknown> } }[];
}

const gatewayCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gateways.gateway.networking.k8s.io' },
  spec: {
    versions: [
      {
        name: 'v1',
        additionalPrinterColumns: [
          { jsonPath: '.spec.gatewayClassName', name: 'Class', type: 'string' },
          { jsonPath: '.status.addresses[*].value', name: 'Address', type: 'string' },
          { jsonPath: '.status.conditions[?(@.type=="Programmed")].status', name: 'Programmed', type: 'string' },
          { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
          { jsonPath: '.spec.listeners[0].port', name: 'First Port', type: 'integer', priority: 1 },
        ],
      },
      { name: 'v0' },
    ],
  },
};

function gateway(name: string, status: Record<string, unknown> | undefined): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: 'default', creationTimestamp: '2026-03-01T11:57:00Z', labels: { a: 'b' }, managedFields: [{}] },
    spec: { gatewayClassName: 'gauntlet', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    ...(status === undefined ? {} : { status }),
  };
}

describe('toTable', () => {
  it('renders CRD printer columns with NAME first, filters, first match of [*], AGE and PartialObjectMetadata rows', () => {
    const ready = gateway('ready', {
      addresses: [{ value: '127.0.20.1' }, { value: '127.0.20.2' }],
      conditions: [
        { type: 'Accepted', status: 'True' },
        { type: 'Programmed', status: 'False' },
      ],
    });
    const table = toTable([ready, gateway('new', undefined)], printerColumnsOfCrd(gatewayCrd, 'v1'), now, '42') as Table;
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.equal(table.metadata.resourceVersion, '42');
    assert.deepEqual(
      table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]),
      [
        ['Name', 'string', 'name', 0],
        ['Class', 'string', '', 0],
        ['Address', 'string', '', 0],
        ['Programmed', 'string', '', 0],
        ['Age', 'date', '', 0],
        ['First Port', 'integer', '', 1],
      ],
    );
    assert.deepEqual(table.rows[0]?.cells, ['ready', 'gauntlet', '127.0.20.1', 'False', '3m', 80]);
    assert.deepEqual(table.rows[1]?.cells, ['new', 'gauntlet', null, null, '3m', 80]);
    assert.deepEqual(table.rows[0]?.object, {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'ready', namespace: 'default', creationTimestamp: '2026-03-01T11:57:00Z', labels: { a: 'b' } },
    });
  });

  it('gives a CRD version without printer columns AGE only, and an empty table for no objects', () => {
    assert.deepEqual(
      printerColumnsOfCrd(gatewayCrd, 'v0').map((c) => c.name),
      ['Age'],
    );
    const table = toTable([], printerColumnsOfCrd(gatewayCrd, 'v0'), now, '7') as Table;
    assert.deepEqual(table.rows, []);
    assert.deepEqual(
      table.columnDefinitions.map((c) => c.name),
      ['Name', 'Age'],
    );
  });

  it('leaves a cell empty for a column path it cannot parse instead of failing the listing', () => {
    const table = toTable([gateway('g', undefined)], [{ name: 'Broken', type: 'string', jsonPath: '.spec[?(@.x ~ 1)]' }], now, '1') as Table;
    assert.deepEqual(table.rows[0]?.cells, ['g', null]);
  });

  it('supports quoted keys with dots and escaped dots', () => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'app.kubernetes.io/name': 'web' } } };
    const columns = [
      { name: 'Quoted', type: 'string', jsonPath: ".metadata.labels['app.kubernetes.io/name']" },
      { name: 'Escaped', type: 'string', jsonPath: '.metadata.labels.app\\.kubernetes\\.io/name' },
    ];
    assert.deepEqual((toTable([object], columns, now, '1') as Table).rows[0]?.cells, ['c', 'web', 'web']);
  });
});

describe('defaultPrinterColumns', () => {
  function cells(object: KubeObject): unknown[] {
    const table = toTable([object], defaultPrinterColumns(object.kind), now, '1') as Table;
    return table.rows[0]?.cells ?? [];
  }

  it('prints a Pod: READY, STATUS, RESTARTS, AGE (+ wide IP, NODE, NOMINATED NODE, READINESS GATES)', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'echo-1', creationTimestamp: '2026-03-01T11:59:50Z' },
      spec: { nodeName: 'local', containers: [{ name: 'a' }, { name: 'b' }] },
      status: {
        phase: 'Running',
        podIP: '127.0.10.7',
        containerStatuses: [
          { name: 'a', ready: true, restartCount: 2, state: { running: {} } },
          { name: 'b', ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        ],
      },
    };
    assert.deepEqual(cells(pod), ['echo-1', '1/2', 'CrashLoopBackOff', 3, '10s', '127.0.10.7', 'local', '<none>', '<none>']);
  });

  it('prints a LoadBalancer Service: TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S)', () => {
    const service = (ingress: unknown[]): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'gw', creationTimestamp: '2026-02-27T12:00:00Z' },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.5',
        selector: { app: 'gw' },
        ports: [
          { port: 80, nodePort: 30080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
      status: { loadBalancer: { ingress } },
    });
    assert.deepEqual(cells(service([{ ip: '127.0.20.1' }])), ['gw', 'LoadBalancer', '10.96.0.5', '127.0.20.1', '80:30080/TCP,53/UDP', '2d', 'app=gw']);
    assert.equal(cells(service([]))[3], '<pending>');
  });

  it('prints a Deployment: READY, UP-TO-DATE, AVAILABLE', () => {
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'echo', creationTimestamp: '2026-03-01T09:00:00Z' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'echo' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'old', operator: 'DoesNotExist' }] },
        template: { spec: { containers: [{ name: 'echo', image: 'gateway-gauntlet/echo:1' }] } },
      },
      status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    };
    assert.deepEqual(cells(deployment), ['echo', '2/3', 3, 2, '3h', 'echo', 'gateway-gauntlet/echo:1', 'app=echo,tier in (a,b),!old']);
  });

  it('falls back to AGE alone for other kinds', () => {
    assert.deepEqual(
      defaultPrinterColumns('Lease').map((c) => c.name),
      ['Age'],
    );
  });
});
