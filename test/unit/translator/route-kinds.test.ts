// The route-kind abstraction: attachment, hostnames, ReferenceGrant-checked backends and status are shared, so a
// kind brings only its own compilation. A toy kind (HTTPRoute's objects, rules compiled to plain labels, no
// hostnames like TCPRoute) goes through the shared stage untouched by HTTP rule code.
import assert from 'node:assert/strict';
import { GatewayConditionType, GatewayReason, RouteReason } from '../../../reference-impl/controller/translator/condition-names.ts';
import { trueCondition } from '../../../reference-impl/controller/translator/conditions.ts';
import { validateListeners } from '../../../reference-impl/controller/translator/listener-validation.ts';
import type { RouteKind } from '../../../reference-impl/controller/translator/route-kind.ts';
import { HTTP_ROUTE } from '../../../reference-impl/controller/translator/route-kind-catalog.ts';
import { type GatewayInTranslation, translateRoutes } from '../../../reference-impl/controller/translator/route-translation.ts';
import type { HTTPRouteObject } from '../../../reference-impl/controller/translator/snapshot.ts';
import { indexSnapshot } from '../../../reference-impl/controller/translator/snapshot-index.ts';
import { CONTROLLER, gateway, httpListener, httpRoute, snapshot } from './fixtures.ts';

const toyKind: RouteKind<HTTPRouteObject, string> = {
  ...HTTP_ROUTE,
  routesOf: (cluster) => cluster.httpRoutes,
  hostnamesOf: () => undefined,
  compile: (route) =>
    route.metadata.name === 'broken'
      ? { rules: [], refFailures: [], invalidRules: [{ ruleIndex: 0, reason: RouteReason.UnsupportedValue, message: 'toy says no' }], ruleCount: 1 }
      : { rules: [`toy:${route.metadata.name}`], refFailures: [{ reason: RouteReason.BackendNotFound, message: 'toy backend missing' }], invalidRules: [], ruleCount: 1 },
};

function stage(routes: HTTPRouteObject[]) {
  const object = gateway('gw', [httpListener('exact', { hostname: 'a.example.com' }), httpListener('any', { port: 8080 })]);
  const cluster = snapshot({ gateways: [object], httpRoutes: routes });
  const listeners = validateListeners(object, indexSnapshot(cluster), cluster.now);
  const gateways = new Map<string, GatewayInTranslation>([
    ['infra/gw', { object, namespace: 'infra', name: 'gw', listeners, accepted: trueCondition(GatewayConditionType.Accepted, GatewayReason.Accepted, 'ok') }],
  ]);
  return translateRoutes(toyKind, { snapshot: cluster, gateways, index: indexSnapshot(cluster), controllerName: CONTROLLER });
}

type Parent = { conditions: { type: string; reason: string; message: string }[] };

function parentsOf(statuses: { status: Record<string, unknown> }[]): Parent[] {
  assert.equal(statuses.length, 1, 'one route status');
  return (statuses[0]?.status.parents ?? []) as Parent[];
}

describe('route kinds share attachment, hostnames and status', () => {
  it('attaches a kind without hostnames with each listener’s hostname, carrying its own compiled rules', () => {
    const { attachments, statuses } = stage([httpRoute('toy', { parentRefs: [{ name: 'gw' }] })]);
    assert.deepEqual(
      attachments.map((attachment) => [attachment.listener.spec.name, attachment.hostnames, attachment.rules, attachment.routeKey]),
      [
        ['exact', ['a.example.com'], ['toy:toy'], 'HTTPRoute/infra/toy'],
        ['any', ['*'], ['toy:toy'], 'HTTPRoute/infra/toy'],
      ],
    );
    const [parent] = parentsOf(statuses);
    assert.deepEqual(
      parent?.conditions.map((condition) => `${condition.type}/${condition.reason}`),
      ['Accepted/Accepted', 'ResolvedRefs/BackendNotFound'],
    );
  });

  it('refuses a route of any kind whose every rule is invalid, and attaches it nowhere', () => {
    const { attachments, statuses } = stage([httpRoute('broken', { parentRefs: [{ name: 'gw', sectionName: 'any' }] })]);
    assert.deepEqual(attachments, []);
    const [parent] = parentsOf(statuses);
    assert.equal(parent?.conditions[0]?.reason, 'UnsupportedValue');
    assert.match(parent?.conditions[0]?.message ?? '', /toy says no/);
  });
});
