// Test helper: a RunResult with one scenario of each outcome, every optional part of the model filled in (failure
// details, propagation, split counts, load percentiles and timeline), and markup in the messages to test escaping.
import type { RunResult } from '../../../harness/report/run-result.ts';
import { judgeSplit } from '../../../harness/traffic/split-verdict.ts';

export function sampleRun(): RunResult {
  return {
    schemaVersion: 1,
    runId: '20261126-054000-ab12',
    startedAt: '2026-11-26T05:40:00.000Z',
    finishedAt: '2026-11-26T05:41:30.500Z',
    cluster: { provider: 'local' },
    implementation: { organization: 'gauntlet', project: 'reference-impl', url: 'https://example.com/gauntlet', version: 'v0.1.0', contact: ['@gauntlet/maintainers'] },
    gatewayClass: 'gauntlet',
    gatewayAPI: { version: 'v1.6.1', channel: 'standard' },
    scenarios: [
      {
        id: 'httproute-simple-same-namespace',
        description: 'simple route',
        conformanceTest: 'HTTPRouteSimpleSameNamespace',
        profile: 'GATEWAY-HTTP',
        features: ['Gateway', 'HTTPRoute'],
        outcome: 'passed',
        durationMs: 1200,
        steps: [
          { name: 'apply manifests', outcome: 'passed', durationMs: 25 },
          { name: 'GET / -> 200', outcome: 'passed', durationMs: 300, propagationMs: 412 },
          {
            name: 'split: 70/30',
            outcome: 'passed',
            durationMs: 900,
            split: { weights: { 'infra-backend-v1': 70, 'infra-backend-v2': 30 }, counts: { 'infra-backend-v1': 352, 'infra-backend-v2': 148 }, pValue: 0.83, significance: 0.001, passed: true },
          },
        ],
      },
      {
        id: 'httproute-header-matching',
        description: 'header <matching> & "precedence"',
        conformanceTest: 'HTTPRouteHeaderMatching',
        profile: 'GATEWAY-HTTP',
        features: ['Gateway', 'HTTPRoute'],
        outcome: 'failed',
        durationMs: 30_000,
        steps: [
          { name: 'apply manifests', outcome: 'passed', startedAt: '2026-11-26T05:40:01.000Z', durationMs: 20 },
          {
            name: 'GET / version: two -> 200 infra-backend-v2',
            outcome: 'failed',
            startedAt: '2026-11-26T05:40:01.020Z',
            durationMs: 29_000,
            message: 'backend: expected infra-backend-v2, got infra-backend-v1 (pod infra-backend-v1-7f9c-abcde)\nbody: <html>&\u0001',
            comparisons: [{ field: 'backend', expected: 'infra-backend-v2', actual: 'infra-backend-v1 (pod infra-backend-v1-7f9c-abcde) <script>' }],
            objects: [
              {
                apiVersion: 'gateway.networking.k8s.io/v1',
                kind: 'HTTPRoute',
                namespace: 'gateway-conformance-infra',
                name: 'header-matching',
                observedAt: '2026-11-26T05:40:30.020Z',
                found: true,
                generation: 1,
                status: {
                  parents: [
                    {
                      parentRef: { name: 'same-namespace' },
                      controllerName: 'gauntlet.dev/gateway-controller',
                      conditions: [{ type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: 'service "infra-backend-v9" not found', observedGeneration: 1 }],
                    },
                  ],
                },
              },
              { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: 'gone', observedAt: '2026-11-26T05:40:30.020Z', found: false },
            ],
          },
        ],
      },
      {
        id: 'httproute-request-mirror',
        description: 'mirror',
        conformanceTest: 'HTTPRouteRequestMirror',
        profile: 'GATEWAY-HTTP',
        features: ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror'],
        outcome: 'skipped',
        durationMs: 0,
        steps: [{ name: 'feature check', outcome: 'skipped', durationMs: 0, message: 'HTTPRouteRequestMirror is not supported' }],
      },
      {
        id: 'weighted-split-under-load',
        description: 'load',
        profile: 'GATEWAY-HTTP',
        features: ['Gateway', 'HTTPRoute'],
        outcome: 'passed',
        durationMs: 4000,
        steps: [{ name: 'load', outcome: 'passed', durationMs: 3000 }],
        load: {
          durationSeconds: 3,
          connections: 10,
          requests: { total: 9000, perSecond: 3000 },
          non2xx: 0,
          errors: 0,
          timeouts: 0,
          latency: {
            count: 9000,
            p50Ms: 2,
            p90Ms: 3,
            p99Ms: 7.5,
            maxMs: 30,
            meanMs: 2.2,
            percentiles: [
              { percentile: 0, ms: 0.4 },
              { percentile: 50, ms: 2 },
              { percentile: 90, ms: 3 },
              { percentile: 99, ms: 7.5 },
              { percentile: 99.9, ms: 18 },
              { percentile: 100, ms: 30 },
            ],
          },
          timeline: [
            { second: 0, responses: 2900, non2xx: 0, errors: 0 },
            { second: 1, responses: 3050, non2xx: 0, errors: 0 },
            { second: 2, responses: 3050, non2xx: 0, errors: 0 },
          ],
          backends: { 'infra-backend-v1': 6300, 'infra-backend-v2': 2700 },
          unattributed: 0,
          split: judgeSplit({ 'infra-backend-v1': 6300, 'infra-backend-v2': 2700 }, { 'infra-backend-v1': 70, 'infra-backend-v2': 30 }),
        },
      },
    ],
  };
}
