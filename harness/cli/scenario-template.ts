// The files `gauntlet scenario new <id>` writes: a scenario.yaml that passes lint and runs green against the
// reference implementation as written, with a comment on every field saying what it does and what else may go
// there, and the HTTPRoute it applies. A load scenario gets a load phase instead of more requests.
//
//   scenarioTemplate({ id, kind, schemaPath }): { scenario: string; manifests: string }

export type TemplateKind = 'conformance' | 'load';

export function scenarioTemplate(options: { id: string; kind: TemplateKind; schemaPath: string }): { scenario: string; manifests: string } {
  const { id, kind } = options;
  const host = `${id}.example.com`;
  const route = id;
  const scenario = `# yaml-language-server: $schema=${options.schemaPath}
# A Gauntlet scenario: data only. It applies the manifests below, waits for the status under await:, sends
# the requests and checks their answers${kind === 'load' ? ', then runs the load phase' : ''}, and deletes what it applied.
# Every field: docs/scenarios.md ("scenario.yaml, field by field"). Check it: gauntlet scenario lint <this folder>
id: ${id}                    # equals the folder name: lowercase letters, digits and "-"
description: >-              # one or two sentences: the behaviour this scenario pins down
  An HTTPRoute attached to the same-namespace Gateway sends ${host} to infra-backend-v1.
# conformanceTest: HTTPRouteSimpleSameNamespace   # the upstream conformance test this mirrors, if any
profile: GATEWAY-HTTP        # GATEWAY-HTTP | GATEWAY-TLS | GATEWAY-GRPC | MESH-HTTP | MESH-GRPC
features: [Gateway, HTTPRoute]   # upstream SupportedFeature names this scenario needs
# channel: experimental      # when the manifests use fields only the experimental CRDs have

defaults:                    # what the entries below fall back to
  # The base fixture's Gateways (scenarios/base/): same-namespace, all-namespaces, backend-namespaces
  # (HTTP on port 80) and same-namespace-with-https-listener (HTTPS on 443), in gateway-conformance-infra.
  gateway: gateway-conformance-infra/same-namespace
  namespace: gateway-conformance-infra

manifests:                   # applied in order (server-side, unknown fields refused); deleted at the end
  - manifests.yaml           # a file beside this one, or objects written inline

await:                       # status to reach before any traffic
  - kind: HTTPRoute
    name: ${route}
    parents: accepted        # Accepted and ResolvedRefs True for every parentRef
  # - kind: Gateway          # or conditions of any object, listeners of a Gateway:
  #   name: same-namespace
  #   conditions:
  #     - { type: Programmed, status: "True" }

requests:                    # each must hold 3 times in a row before a deadline (eventual consistency)
  - name: the route's host reaches infra-backend-v1
    http: { host: ${host}, path: /hello }   # also h2c:, https: (SNI, ALPN, CA) and websocket:
    expect:
      response: { status: 200 }             # the default; headers:, absentHeaders: too
      backend: { name: infra-backend-v1, path: /hello }   # the request as the echo backend saw it
  # - name: a path the route does not match
  #   http: { host: other.example.com, path: / }
  #   expect: { response: { status: 404 } }

# splits:                    # requests spread over weighted backends, judged by a chi-square test
#   - http: { host: ${host}, path: / }
#     weights: { infra-backend-v1: 70, infra-backend-v2: 30 }

# then:                      # phases: change the cluster (delete:, apply:), then await/requests/splits again
#   - name: the route moves to v2
#     apply: [manifests-v2.yaml]
#     requests:
#       - http: { host: ${host}, path: / }
#         expect: { backend: infra-backend-v2 }
${
  kind === 'load'
    ? `
load:                        # closed-model load through the Gateway once the checks above passed
  http: { host: ${host}, path: / }
  durationSeconds: 5         # longer runs give gauntlet compare more to judge by
  connections: 10
  # rate: 2000               # overall requests/s; default as fast as the connections allow
  expect:
    maxErrors: 0             # transport errors, timeouts and non-2xx responses
    # latencyP99Ms: 50       # a p99 budget in milliseconds
`
    : `
# load:                      # a load phase (scenarios under load/): gauntlet scenario new --kind load
#   http: { host: ${host}, path: / }
#   durationSeconds: 5
#   connections: 10
#   expect: { maxErrors: 0 }
`
}`;
  const manifests = `# The objects this scenario applies. Write \${GATEWAY_CLASS_NAME} where a GatewayClass name goes; the run fills it in.
# Its own hostname keeps this route's traffic apart from other scenarios on the same Gateway.
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: ${route}
  namespace: gateway-conformance-infra
spec:
  parentRefs:
    - name: same-namespace
  hostnames:
    - ${host}
  rules:
    - backendRefs:
        - name: infra-backend-v1   # the base fixture's echo backends: infra-backend-v1..v3 on port 8080
          port: 8080
`;
  return { scenario, manifests };
}
