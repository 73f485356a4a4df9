// The many-routes configuration of the proxy bench: N HTTPRoute rules spread over hosts and paths (100 path
// prefixes per hostname, as a Gateway carrying many teams' routes would), all to the same echo backend, and
// the one request every target is sent, which matches a rule in the middle of the table. The router must find
// it through its host and path index, not by trying the rules before it.

import type { RouteRuleIR, VirtualHostIR } from '../../ir/gateway-ir.ts';

export const PATHS_PER_HOST = 100;

/** The request of a bench run with `--routes`: host and path of the rule in the middle of the table. */
export function benchRouteRequest(count: number): { host: string; path: string } {
  const middle = Math.floor(count / 2);
  return { host: hostOf(Math.floor(middle / PATHS_PER_HOST)), path: `${pathOf(middle % PATHS_PER_HOST)}/bench?x=1` };
}

function hostOf(index: number): string {
  return `team-${index}.bench.example`;
}

function pathOf(index: number): string {
  return `/service-${index}`;
}

/** `count` rules (one HTTPRoute each: ids `bench/route-<n>/rule/0/match/0`) under ceil(count / 100) hostnames, each to the backend on `backendPort`. */
export function benchRouteTable(count: number, backend: { address: string; port: number }): VirtualHostIR[] {
  const hosts: VirtualHostIR[] = [];
  for (let n = 0; n < count; n++) {
    const hostIndex = Math.floor(n / PATHS_PER_HOST);
    const rule: RouteRuleIR = {
      id: `bench/route-${n}/rule/0/match/0`,
      match: { path: { type: 'PathPrefix', value: pathOf(n % PATHS_PER_HOST) }, headers: [], queryParams: [] },
      filters: [],
      backends: [{ kind: 'service', name: 'bench/echo:80', weight: 1, protocol: 'http', filters: [], endpoints: [{ ...backend }] }],
    };
    if (hosts[hostIndex] === undefined) hosts[hostIndex] = { hostname: hostOf(hostIndex), rules: [] };
    hosts[hostIndex].rules.push(rule);
  }
  return hosts;
}
