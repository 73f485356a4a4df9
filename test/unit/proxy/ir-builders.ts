// Small builders for IR literals in proxy tests.

import type { BackendIR, HttpMatchIR, PortListenerIR, RouteRuleIR, VirtualHostIR } from '../../../reference-impl/ir/gateway-ir.ts';

export function match(partial: Partial<HttpMatchIR> = {}): HttpMatchIR {
  return { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [], ...partial };
}

export function service(name: string, weight = 1, endpoints = [{ address: '127.0.0.1', port: 1 }]): BackendIR {
  return { kind: 'service', name, weight, protocol: 'http', filters: [], endpoints };
}

export function rule(id: string, m: HttpMatchIR = match(), backends: BackendIR[] = [service(id)]): RouteRuleIR {
  return { id, match: m, filters: [], backends };
}

export function vhost(hostname: string, rules: RouteRuleIR[]): VirtualHostIR {
  return { hostname, rules };
}

export function listener(virtualHosts: VirtualHostIR[], port = 8080): PortListenerIR {
  return { port, protocol: 'HTTP', virtualHosts };
}
