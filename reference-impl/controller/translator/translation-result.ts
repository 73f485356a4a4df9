// What one translation produces: the IR per Gateway, the desired status of every object the
// controller is responsible for, and the proxy infrastructure each accepted Gateway needs.

import type { GatewayIR } from '../../ir/gateway-ir.ts';
import type { RouteKindName } from './route-kind-catalog.ts';
import type { TranslationMemo } from './translation-memo.ts';

export type StatusKind = 'GatewayClass' | 'Gateway' | RouteKindName | 'BackendTLSPolicy' | 'ListenerSet';

export interface StatusUpdate {
  kind: StatusKind;
  /** Absent for the cluster-scoped GatewayClass. */
  namespace?: string;
  name: string;
  /** The complete desired `status` (not a delta). */
  status: Record<string, unknown>;
}

export interface InfraIntent {
  gateway: { namespace: string; name: string; uid: string };
  /** Distinct ports of the TCP-based listeners (all but UDP), ascending: the proxy's container ports and the Service's TCP ports. */
  ports: number[];
  /** Distinct ports of the UDP listeners, ascending: the proxy's and the Service's UDP ports. */
  udpPorts: number[];
  /** The address the proxy's Service asks for (spec.loadBalancerIP): the Gateway's first IPAddress with a value. */
  loadBalancerIp?: string;
  /** The Gateway's spec.infrastructure labels and annotations, for every object provisioned for it (absent: none). */
  infrastructure?: { labels: Record<string, string>; annotations: Record<string, string> };
}

export interface TranslationResult {
  /** Keyed by `<namespace>/<name>`; one entry per accepted Gateway of our classes. */
  gateways: Map<string, GatewayIR>;
  statuses: StatusUpdate[];
  infra: InfraIntent[];
}

export interface TranslateOptions {
  controllerName: string;
  /** What earlier translations compiled, for the reconciler's passes (translation-memo.ts); tests go without. */
  memo?: TranslationMemo;
}
