// The config stream's deltas must rebuild exactly the IR the controller published: every golden scenario's
// states in order, each change sent as a delta through the registry and applied as the proxy applies it.
import assert from 'node:assert/strict';
import { IrRegistry } from '../../../reference-impl/controller/config-server/ir-registry.ts';
import { DEFAULT_CONTROLLER_NAME } from '../../../reference-impl/controller/controller-settings.ts';
import { buildSnapshot } from '../../../reference-impl/controller/provider/snapshot-builder.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import { TranslationMemo } from '../../../reference-impl/controller/translator/translation-memo.ts';
import type { ConfigStreamDelta, GatewayIR, VirtualHostIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { IR_SCHEMA_VERSION } from '../../../reference-impl/ir/gateway-ir.ts';
import { applyIrDelta } from '../../../reference-impl/ir/ir-delta.ts';
import { parseConfigLine } from '../../../reference-impl/proxy/config/validate-ir.ts';
import { scenarioCases } from '../translator/golden/golden-cases.ts';
import { clusterObjects } from '../translator/golden/golden-cluster.ts';

const NOW = new Date('2026-11-26T10:00:00Z');

function host(hostname: string, id = hostname): VirtualHostIR {
  return { hostname, rules: [{ id, match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }, filters: [], backends: [] }] };
}

function ir(hosts: VirtualHostIR[], ports = [80]): GatewayIR {
  return { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'infra', name: 'gw' }, listeners: ports.map((port) => ({ port, protocol: 'HTTP', virtualHosts: port === 80 ? hosts : [] })) };
}

/** Publishes `next` after `previous` and returns the delta line the registry made, parsed as the proxy parses it. */
function deltaBetween(registry: IrRegistry, key: string, next: GatewayIR): ConfigStreamDelta | undefined {
  let published: string | undefined;
  const unsubscribe = registry.subscribe(key, (entry) => {
    published = entry.delta?.line;
  });
  registry.update(new Map([[key, next]]));
  unsubscribe();
  if (published === undefined) return undefined;
  const parsed = parseConfigLine(published);
  assert.ok('baseVersion' in parsed, 'a delta line parses as a delta');
  return parsed;
}

describe('config stream deltas', () => {
  it('carries only the virtual hosts that changed, and rebuilds the IR exactly, in hostname order', () => {
    const registry = new IrRegistry();
    const many = Array.from({ length: 200 }, (_, index) => host(`r${String(index).padStart(3, '0')}.example.com`));
    const before = ir(many);
    registry.update(new Map([['infra/gw', before]]));
    const next = ir([...many.filter((entry) => entry.hostname !== 'r007.example.com' && entry.hostname !== 'r100.example.com'), host('a-new.example.com'), host('r100.example.com', 'changed')].sort((a, b) => (a.hostname < b.hostname ? -1 : 1)), [80, 8080]);
    const delta = deltaBetween(registry, 'infra/gw', next);
    assert.ok(delta);
    assert.deepEqual(delta.hosts, [{ port: 80, changed: [host('a-new.example.com'), host('r100.example.com', 'changed')], removed: ['r007.example.com'] }]);
    assert.ok(delta.frame.listeners.every((listener) => listener.virtualHosts.length === 0), 'the frame holds no virtual host');
    assert.equal(JSON.stringify(applyIrDelta(before, delta)), JSON.stringify(next));
  });

  it('sends no delta for the first IR of a Gateway, nor after it was gone', () => {
    const registry = new IrRegistry();
    assert.equal(deltaBetween(registry, 'infra/gw', ir([host('a.example.com')])), undefined);
    registry.update(new Map());
    assert.equal(deltaBetween(registry, 'infra/gw', ir([host('b.example.com')])), undefined);
  });

  it('rebuilds every IR of every golden scenario, state after state, from the one before', async function () {
    this.timeout(60_000);
    let deltas = 0;
    for (const goldenCase of scenarioCases('scenarios', 'test/golden/translator/scenarios')) {
      const registry = new IrRegistry();
      const memo = new TranslationMemo();
      let held = new Map<string, GatewayIR>();
      for (const state of await goldenCase.states()) {
        const { gateways } = translate(buildSnapshot(clusterObjects(state.manifests, goldenCase.channel), NOW), { controllerName: DEFAULT_CONTROLLER_NAME, memo });
        const lines = new Map<string, string | undefined>();
        const unsubscribe = [...gateways.keys()].map((key) => registry.subscribe(key, (entry) => lines.set(key, entry.delta?.line)));
        registry.update(gateways);
        for (const stop of unsubscribe) stop();
        for (const [key, next] of gateways) {
          const line = lines.get(key);
          const base = held.get(key);
          if (line === undefined || base === undefined) continue;
          const delta = parseConfigLine(line);
          assert.ok('baseVersion' in delta);
          assert.equal(JSON.stringify(applyIrDelta(base, delta)), JSON.stringify(next), `${goldenCase.name}, ${state.label}: ${key}`);
          deltas += 1;
        }
        held = new Map(gateways);
      }
    }
    assert.ok(deltas >= 15, `only ${deltas} deltas were checked`);
  });
});
