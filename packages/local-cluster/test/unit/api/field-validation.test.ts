import assert from 'node:assert/strict';
import { fieldValidationOf, warningHeaderValues } from '../../../src/api/field-validation.ts';
import { createObject, type DecodingOptions, updateObject, type WriteTarget } from '../../../src/api/object-writer.ts';
import type { ResourceInfo } from '../../../src/api/resource-info.ts';
import type { ServerContext } from '../../../src/api/server-context.ts';
import { ApiError } from '../../../src/store/api-error.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { testServerContext } from '../../support/server-context.ts';

const CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: { size: { type: 'integer' }, parts: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
              },
            },
          },
        },
      },
    ],
  },
};

const newContext = (): ServerContext => testServerContext({ crds: [CRD] });

function target(ctx: ServerContext, group: string, resource: string, decoding: DecodingOptions, name?: string): WriteTarget {
  const info: ResourceInfo | undefined = ctx.registry.findAnyVersion(group, resource);
  assert.ok(info, resource);
  return { info, namespace: 'default', name, subresource: undefined, dryRun: false, decoding };
}

function decoding(directive: DecodingOptions['directive'], isPatch = false): DecodingOptions {
  return { directive, isPatch, warnings: [] };
}

const widget = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', ...metadata },
  spec,
});

function strictError(pattern: RegExp) {
  return (error: unknown) => error instanceof ApiError && error.code === 400 && error.reason === 'BadRequest' && pattern.test(error.message);
}

describe('fieldValidation', () => {
  it('reads the directive from the query, Warn when absent, and refuses an unknown one', () => {
    assert.equal(fieldValidationOf(new URLSearchParams('')), 'Warn');
    assert.equal(fieldValidationOf(new URLSearchParams('fieldValidation=Strict')), 'Strict');
    assert.equal(fieldValidationOf(new URLSearchParams('fieldValidation=Ignore')), 'Ignore');
    assert.throws(() => fieldValidationOf(new URLSearchParams('fieldValidation=strict')), strictError(/Strict, Warn or Ignore/));
  });

  it('Strict refuses a custom resource naming every unknown field, spec and metadata alike, as the real server words it', () => {
    const ctx = newContext();
    assert.throws(
      () => createObject(ctx, target(ctx, 'example.com', 'widgets', decoding('Strict')), widget({ size: 1, colour: 'red', parts: [{ name: 'a', nmae: 'b' }] }, { lables: {} })),
      strictError(/^Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "metadata.lables", unknown field "spec.colour", unknown field "spec.parts\[0\].nmae"$/),
    );
    assert.equal(ctx.store.get({ group: 'example.com', resource: 'widgets' }, 'default', 'w'), undefined);
  });

  it('Strict on a patch says only "strict decoding error"', () => {
    const ctx = newContext();
    createObject(ctx, target(ctx, 'example.com', 'widgets', decoding('Strict')), widget({ size: 1 }));
    assert.throws(
      () => updateObject(ctx, target(ctx, 'example.com', 'widgets', decoding('Strict', true), 'w'), widget({ size: 2, colour: 'red' })),
      strictError(/^strict decoding error: unknown field "spec.colour"$/),
    );
  });

  it('Warn stores the object without the unknown fields and returns one warning per field', () => {
    const ctx = newContext();
    const warn = decoding('Warn');
    const created = createObject(ctx, target(ctx, 'example.com', 'widgets', warn), widget({ size: 1, colour: 'red' }));
    assert.deepEqual(created.spec, { size: 1 });
    assert.deepEqual(warn.warnings, ['unknown field "spec.colour"']);
    assert.deepEqual(warningHeaderValues(warn.warnings), ['299 - "unknown field \\"spec.colour\\""']);
  });

  it('Ignore drops unknown fields silently', () => {
    const ctx = newContext();
    const ignore = decoding('Ignore');
    const created = createObject(ctx, target(ctx, 'example.com', 'widgets', ignore), widget({ size: 1, colour: 'red' }));
    assert.deepEqual(created.spec, { size: 1 });
    assert.deepEqual(ignore.warnings, []);
  });

  it('checks built-in kinds against their type: a Deployment container typo is refused under Strict, dropped under Warn', () => {
    const ctx = newContext();
    const deployment = (container: Record<string, unknown>): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'gateway-gauntlet/echo:dev', ...container }] } },
      },
    });
    assert.throws(
      () => createObject(ctx, target(ctx, 'apps', 'deployments', decoding('Strict')), deployment({ imagePullPolicyy: 'Always' })),
      strictError(/unknown field "spec.template.spec.containers\[0\].imagePullPolicyy"/),
    );
    const warn = decoding('Warn');
    const created = createObject(ctx, target(ctx, 'apps', 'deployments', warn), deployment({ imagePullPolicyy: 'Always', env: [{ name: 'A', value: '1' }] }));
    assert.deepEqual(warn.warnings, ['unknown field "spec.template.spec.containers[0].imagePullPolicyy"']);
    const container = ((created.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec.containers)[0];
    assert.equal(container?.imagePullPolicyy, undefined);
    assert.deepEqual(container?.env, [{ name: 'A', value: '1' }]);
  });

  it('accepts every field of a well-formed built-in object, maps of values and quantities included', () => {
    const ctx = newContext();
    const strict = decoding('Strict');
    createObject(ctx, target(ctx, '', 'pods', strict), {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { a: 'b' }, annotations: { x: 'y' } },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'gateway-gauntlet/echo:dev',
            resources: { limits: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' } },
            ports: [{ name: 'http', containerPort: 3000 }],
          },
        ],
        nodeSelector: { disk: 'ssd' },
      },
    });
    assert.deepEqual(strict.warnings, []);
  });
});
