// A reference proxy on one loopback address with its own config server, for the feature tests:
// publish() serves the given rules on one listener (any host) and waits until the proxy applied them.

import pino from 'pino';
import { type BackendIR, type HttpFilterIR, IR_SCHEMA_VERSION, type RouteRuleIR, type ServiceBackendIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { type ProxyOptions, type RunningProxy, startProxy } from '../../../reference-impl/proxy/proxy.ts';
import { freePort } from './free-port.ts';
import { startTestConfigServer } from './test-config-server.ts';

export interface ProxyUnderTest {
  host: string;
  port: number;
  proxy: RunningProxy;
  publish(rules: RouteRuleIR[]): Promise<void>;
  close(): Promise<void>;
}

export async function startProxyUnderTest(host: string, options: Partial<ProxyOptions> = {}): Promise<ProxyUnderTest> {
  const port = await freePort(host);
  const config = await startTestConfigServer('127.0.0.1', 'ns', 'gw');
  const proxy = await startProxy({
    gateway: { namespace: 'ns', name: 'gw' },
    configServer: config.address,
    host,
    adminPort: 0,
    logger: pino({ level: 'silent' }),
    random: seededRandom(3),
    reconnect: { initialBackoffMs: 20, maxBackoffMs: 100 },
    drainTimeoutMs: 500,
    ...options,
  });
  let version = 0;
  return {
    host,
    port,
    proxy,
    async publish(rules) {
      version += 1;
      config.publish({
        version,
        ir: { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'ns', name: 'gw' }, listeners: [{ port, protocol: 'HTTP', virtualHosts: [{ hostname: '*', rules }] }] },
      });
      await proxy.whenVersionApplied(version, 5000);
    },
    async close() {
      await proxy.close();
      await config.close();
    },
  };
}

export function service(name: string, endpoints: { address: string; port: number }[], extra: Partial<ServiceBackendIR> = {}): ServiceBackendIR {
  return { kind: 'service', name, weight: 1, protocol: 'http', filters: [], endpoints, ...extra };
}

export function prefixRule(id: string, prefix: string, backends: BackendIR[], extra: Partial<RouteRuleIR> = {}): RouteRuleIR {
  return { id, match: { path: { type: 'PathPrefix', value: prefix }, headers: [], queryParams: [] }, filters: [], backends, ...extra };
}

export function requestHeaders(set: [string, string][], add: [string, string][] = [], remove: string[] = []): HttpFilterIR {
  return { type: 'RequestHeaderModifier', set: set.map(([name, value]) => ({ name, value })), add: add.map(([name, value]) => ({ name, value })), remove };
}

export function responseHeaders(set: [string, string][], add: [string, string][] = [], remove: string[] = []): HttpFilterIR {
  return { type: 'ResponseHeaderModifier', set: set.map(([name, value]) => ({ name, value })), add: add.map(([name, value]) => ({ name, value })), remove };
}
