// The pure translation from a cluster snapshot to IR, desired statuses and infrastructure intents.
// No I/O and no clock (`snapshot.now` is the time): the same snapshot always yields the same result.

import type { GatewayIR } from '../../ir/gateway-ir.ts';
import { gatewaysByService } from './backend-tls/policy-ancestors.ts';
import { backendTlsPolicyStatuses } from './backend-tls/policy-status.ts';
import { GatewayConditionType } from './condition-names.ts';
import { resolveBackendClientCertificate } from './gateway-backend-client-certificate.ts';
import { gatewayClassRefusal, gatewayClassStatus } from './gateway-class-status.ts';
import { buildGatewayIR } from './gateway-ir-builder.ts';
import { acceptedCondition, gatewayStatus } from './gateway-status.ts';
import { grpcRouteKind } from './grpc-route/grpc-route-kind.ts';
import { httpRouteKind } from './http-route/http-route-kind.ts';
import { infraIntentOf } from './infra-intent.ts';
import { allowsListenerSets } from './listener-set/listener-set-allowance.ts';
import { listenerSetStatus } from './listener-set/listener-set-status.ts';
import { mergedListeners, translateListenerSets } from './listener-set/listener-set-translation.ts';
import { validateListeners } from './listener-validation.ts';
import { type GatewayInTranslation, type RouteAttachment, translateRoutes } from './route-translation.ts';
import { type ClusterSnapshot, objectKey } from './snapshot.ts';
import { indexSnapshot } from './snapshot-index.ts';
import { tcpRouteKind } from './tcp-route/tcp-route-kind.ts';
import { tlsRouteKind } from './tls-route/tls-route-kind.ts';
import type { InfraIntent, StatusUpdate, TranslateOptions, TranslationResult } from './translation-result.ts';
import { udpRouteKind } from './udp-route/udp-route-kind.ts';

export function translate(snapshot: ClusterSnapshot, options: TranslateOptions): TranslationResult {
  // 1. GatewayClasses naming this controller: their status, and why each is refused (undefined: accepted).
  const statuses: StatusUpdate[] = [];
  const ourClasses = new Map<string, string | undefined>();
  for (const gatewayClass of snapshot.gatewayClasses) {
    if (gatewayClass.spec.controllerName !== options.controllerName) continue;
    ourClasses.set(gatewayClass.metadata.name, gatewayClassRefusal(gatewayClass));
    statuses.push({ kind: 'GatewayClass', name: gatewayClass.metadata.name, status: { ...gatewayClass.status, ...gatewayClassStatus(gatewayClass, snapshot.gatewayApiCrds, snapshot.now) } });
  }

  // 2. Gateways of those classes: listeners validated on their own (an HTTPS listener's certificates
  //    resolved) and against each other, and Accepted decided, since it decides whether a Gateway is served at all.
  const index = options.memo?.index(snapshot) ?? indexSnapshot(snapshot);
  const gateways = new Map<string, GatewayInTranslation>();
  for (const object of snapshot.gateways) {
    if (!ourClasses.has(object.spec.gatewayClassName)) continue;
    const listeners = validateListeners(object, index, snapshot.now);
    const accepted = acceptedCondition(object, listeners, ourClasses.get(object.spec.gatewayClassName));
    const backendClientCertificate = resolveBackendClientCertificate(object, index, snapshot.now);
    gateways.set(objectKey(object.metadata), { object, namespace: object.metadata.namespace ?? '', name: object.metadata.name, listeners, accepted, backendClientCertificate });
  }

  // 2b. ListenerSets naming those Gateways: attached when the Gateway allows them, their listeners validated and
  //     merged after the Gateway's own in precedence order (listener-set/).
  const listenerSets = translateListenerSets(snapshot.listenerSets ?? [], gateways, index, snapshot.now);

  // 3. Routes, kind by kind: each route's rules compiled once, the route attached to every one of our
  //    Gateways (or ListenerSets) its parentRefs name (or refused with the specification's reason), its status built.
  const routeInput = { snapshot, gateways, index, controllerName: options.controllerName, listenerSets, memo: options.memo };
  const http = translateRoutes(httpRouteKind, routeInput);
  const grpc = translateRoutes(grpcRouteKind, routeInput);
  const tls = translateRoutes(tlsRouteKind, routeInput);
  const tcp = translateRoutes(tcpRouteKind, routeInput);
  const udp = translateRoutes(udpRouteKind, routeInput);
  statuses.push(...http.statuses, ...grpc.statuses, ...tls.statuses, ...tcp.statuses, ...udp.statuses);
  // Every kind's attachments, for counting attached routes per listener (a new kind adds its own here).
  const allAttachments: RouteAttachment<unknown>[] = [...http.attachments, ...grpc.attachments, ...tls.attachments, ...tcp.attachments, ...udp.attachments];

  // 4. BackendTLSPolicies: their status per Gateway whose attached routes reach a Service they target (whether
  //    they apply was settled while the routes compiled, from the index).
  const routesByGateway = new Map<string, Set<string>>();
  for (const { gatewayKey, routeKey } of allAttachments) routesByGateway.set(gatewayKey, (routesByGateway.get(gatewayKey) ?? new Set()).add(routeKey));
  const reached = policiesReached(index, snapshot, routesByGateway);
  statuses.push(...backendTlsPolicyStatuses(index.backendTls, reached, { controllerName: options.controllerName, now: snapshot.now }));

  // 5. Per Gateway: its status, now that the routes attached to each listener are known; for an accepted
  //    Gateway its IR and the proxy infrastructure it needs.
  const irs = new Map<string, GatewayIR>();
  const infra: InfraIntent[] = [];
  // Each Gateway's attachments, grouped once: filtering every kind's list per Gateway cost a tenth of a pass.
  const byGateway = { all: groupByGateway(allAttachments), http: groupByGateway([...http.attachments, ...grpc.attachments]), tls: groupByGateway(tls.attachments), tcp: groupByGateway(tcp.attachments), udp: groupByGateway(udp.attachments) };
  for (const [key, gateway] of gateways) {
    // A ListenerSet's listeners count their routes in the set's status, not the Gateway's.
    const attachedRoutes = countAttachedRoutes(groupOf(byGateway.all, key).filter((attachment) => attachment.listener.listenerSet === undefined));
    const setsOfGateway = [...listenerSets.values()].filter((set) => set.gatewayKey === key);
    const attachedSets = setsOfGateway.filter((set) => set.accepted.status === 'True').length;
    const status = gatewayStatus({
      gateway: gateway.object,
      accepted: gateway.accepted,
      listeners: gateway.listeners,
      attachedRoutes,
      infra: snapshot.infra.get(key),
      backendClientCertificate: gateway.backendClientCertificate,
      now: snapshot.now,
      ...(allowsListenerSets(gateway.object) || attachedSets > 0 ? { attachedListenerSets: attachedSets } : {}),
    });
    statuses.push({ kind: 'Gateway', namespace: gateway.namespace, name: gateway.name, status: { ...status } });
    const programmed = status.conditions?.some((condition) => condition.type === GatewayConditionType.Programmed && condition.status === 'True') ?? false;
    for (const set of setsOfGateway) {
      const setStatus = listenerSetStatus(set, allAttachments, programmed, snapshot.now);
      statuses.push({ kind: 'ListenerSet', namespace: set.namespace, name: set.name, status: { ...set.object.status, ...setStatus } });
    }
    const listeners = mergedListeners(gateway, key, listenerSets);
    if (gateway.accepted.status !== 'True') continue;
    const backendClientCertificate = gateway.backendClientCertificate?.ok ? gateway.backendClientCertificate.keyPair : undefined;
    const streams = { tls: groupOf(byGateway.tls, key), tcp: groupOf(byGateway.tcp, key), udp: groupOf(byGateway.udp, key) };
    irs.set(key, buildGatewayIR({ ...gateway, backendClientCertificate }, listeners, groupOf(byGateway.http, key), streams));
    infra.push(infraIntentOf(gateway.object, listeners));
  }
  return { gateways: irs, statuses, infra };
}

/** Attachments by `gatewayKey`, each Gateway's in their original order. */
function groupByGateway<T extends { gatewayKey: string }>(attachments: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const attachment of attachments) {
    const group = groups.get(attachment.gatewayKey);
    if (group) group.push(attachment);
    else groups.set(attachment.gatewayKey, [attachment]);
  }
  return groups;
}

function groupOf<T>(groups: Map<string, T[]>, gatewayKey: string): T[] {
  return groups.get(gatewayKey) ?? [];
}

/** Listener name -> routes attached to it, each route counted once however many of its parentRefs select it. */
function countAttachedRoutes(attachments: RouteAttachment<unknown>[]): Map<string, number> {
  const routes = new Map<string, Set<string>>();
  for (const { listener, routeKey } of attachments) routes.set(listener.spec.name, (routes.get(listener.spec.name) ?? new Set()).add(routeKey));
  return new Map([...routes].map(([listener, keys]) => [listener, keys.size]));
}

/**
 * Service -> Gateways reaching it, for BackendTLSPolicy status. Without any policy there is nothing to report on:
 * walking every route's backends is skipped (a tenth of a pass with 1,000 routes).
 */
function policiesReached(index: ReturnType<typeof indexSnapshot>, snapshot: ClusterSnapshot, routesByGateway: Map<string, Set<string>>): Map<string, Set<string>> {
  if (index.backendTls.entries.length === 0) return new Map();
  const routeKinds = [
    { kind: httpRouteKind.kind, routes: snapshot.httpRoutes },
    { kind: grpcRouteKind.kind, routes: snapshot.grpcRoutes },
  ];
  return gatewaysByService(routeKinds, routesByGateway);
}
