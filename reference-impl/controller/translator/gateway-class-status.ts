// GatewayClass status: a class naming our controller is accepted unless it names parameters (this
// controller takes none, so any parametersRef is of an unsupported kind: InvalidParameters);
// SupportedVersion says whether the installed Gateway API CRDs are a release this controller knows,
// and supportedFeatures lists the conformance features the reference implementation serves.
import { GatewayClassConditionType, GatewayClassReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from './conditions.ts';
import { BUNDLE_VERSION_ANNOTATION } from './gateway-api-names.ts';
import type { Condition, GatewayApiCrd, GatewayClassObject } from './snapshot.ts';

/**
 * Conformance feature names (upstream pkg/features; sorted, as the spec requires) of what the translator compiles
 * into the IR, whose contract (reference-impl/ir/gateway-ir.ts) the proxy implements. Not declared:
 * HTTPRouteRetryBackendTimeout (the IR does not yet say that an expired backendRequest timeout is a failed
 * attempt). GatewayStaticAddresses: the first IPAddress of spec.addresses is asked of the LoadBalancer (gateway-addresses.ts). GRPCRoute: compiled into HTTP rules of the IR (grpc-route/). GatewayAddressEmpty:
 * an address entry without a value asks for whatever address the LoadBalancer gives. GatewayInfrastructurePropagation:
 * spec.infrastructure labels and annotations on the proxy's Deployment, pods and Service. TLSRoute: Passthrough and
 * Terminate listeners, both modes on one port (Mixed). TCPRoute and UDPRoute: TCP and UDP listeners.
 * ListenerSet: sets attached through allowedListeners, merged after the Gateway's listeners (listener-set/).
 */
export const SUPPORTED_FEATURES = [
  'BackendTLSPolicy',
  'BackendTLSPolicySANValidation',
  'GRPCRoute',
  'GRPCRouteNamedRouteRule',
  'Gateway',
  'GatewayAddressEmpty',
  'GatewayBackendClientCertificate',
  'GatewayFrontendClientCertificateValidation',
  'GatewayFrontendClientCertificateValidationInsecureFallback',
  'GatewayHTTPListenerIsolation',
  'GatewayHTTPSListenerDetectMisdirectedRequests',
  'GatewayInfrastructurePropagation',
  'GatewayPort8080',
  'GatewayStaticAddresses',
  'HTTPRoute',
  'HTTPRoute303RedirectStatusCode',
  'HTTPRoute307RedirectStatusCode',
  'HTTPRoute308RedirectStatusCode',
  'HTTPRouteBackendProtocolH2C',
  'HTTPRouteBackendProtocolWebSocket',
  'HTTPRouteBackendRequestHeaderModification',
  'HTTPRouteBackendTimeout',
  'HTTPRouteCORS',
  'HTTPRouteDestinationPortMatching',
  'HTTPRouteHostRewrite',
  'HTTPRouteMethodMatching',
  'HTTPRouteNamedRouteRule',
  'HTTPRouteParentRefPort',
  'HTTPRoutePathRedirect',
  'HTTPRoutePathRewrite',
  'HTTPRoutePortRedirect',
  'HTTPRouteQueryParamMatching',
  'HTTPRouteRequestMirror',
  'HTTPRouteRequestMultipleMirrors',
  'HTTPRouteRequestPercentageMirror',
  'HTTPRouteRequestTimeout',
  'HTTPRouteResponseHeaderModification',
  'HTTPRouteRetry',
  'HTTPRouteRetryConnectionError',
  'HTTPRouteSchemeRedirect',
  'ListenerSet',
  'ReferenceGrant',
  'TCPRoute',
  'TLSRoute',
  'TLSRouteModeMixed',
  'TLSRouteModeTerminate',
  'UDPRoute',
] as const;

/**
 * Bundle versions whose shapes this controller was written and tested against: v1.2 introduced the
 * object form of status.supportedFeatures we write; v1.6 is the release the project pins.
 */
const SUPPORTED_BUNDLE = /^v1\.([2-6])\.\d+$/;

export interface GatewayClassStatus {
  conditions: Condition[];
  supportedFeatures: { name: string }[];
}

export function gatewayClassStatus(gatewayClass: GatewayClassObject, crds: readonly GatewayApiCrd[], now: string): GatewayClassStatus {
  return {
    conditions: settleConditions(
      [acceptedCondition(gatewayClass), supportedVersionCondition(crds)],
      gatewayClass.status?.conditions,
      { generation: gatewayClass.metadata.generation, now },
    ),
    supportedFeatures: SUPPORTED_FEATURES.map((name) => ({ name })),
  };
}

/** Why the class is not accepted, or undefined when it is (its Gateways are refused with the same words). */
export function gatewayClassRefusal(gatewayClass: GatewayClassObject): string | undefined {
  const ref = gatewayClass.spec.parametersRef;
  if (!ref) return undefined;
  return `GatewayClass ${gatewayClass.metadata.name} names parameters (${ref.kind} ${ref.name}), but this controller takes none; remove spec.parametersRef`;
}

function acceptedCondition(gatewayClass: GatewayClassObject): DesiredCondition {
  const refusal = gatewayClassRefusal(gatewayClass);
  if (refusal) return falseCondition(GatewayClassConditionType.Accepted, GatewayClassReason.InvalidParameters, refusal);
  return trueCondition(GatewayClassConditionType.Accepted, GatewayClassReason.Accepted, 'the GatewayClass is handled by this controller');
}

/**
 * The spec: False when any Gateway API CRD lacks the bundle-version annotation or carries a version
 * the implementation does not know. We give best-effort support then (Accepted stays True).
 */
function supportedVersionCondition(crds: readonly GatewayApiCrd[]): DesiredCondition {
  const { SupportedVersion } = GatewayClassConditionType;
  if (crds.length === 0) return falseCondition(SupportedVersion, GatewayClassReason.UnsupportedVersion, 'no Gateway API CRD was observed, so no bundle version could be checked');
  const unversioned = crds.filter((crd) => !crd.bundleVersion).map((crd) => crd.name);
  if (unversioned.length > 0) {
    return falseCondition(
      SupportedVersion,
      GatewayClassReason.UnsupportedVersion,
      `CRDs without the ${BUNDLE_VERSION_ANNOTATION} annotation: ${unversioned.join(', ')}; install a Gateway API release (v1.2 to v1.6)`,
    );
  }
  const unsupported = crds.filter((crd) => !SUPPORTED_BUNDLE.test(crd.bundleVersion ?? '')).map((crd) => `${crd.name} (${crd.bundleVersion})`);
  if (unsupported.length > 0) {
    return falseCondition(SupportedVersion, GatewayClassReason.UnsupportedVersion, `unsupported Gateway API bundle versions: ${unsupported.join(', ')}; supported are v1.2 to v1.6 (best effort otherwise)`);
  }
  const versions = [...new Set(crds.map((crd) => crd.bundleVersion))].join(', ');
  return trueCondition(SupportedVersion, GatewayClassReason.SupportedVersion, `the installed Gateway API CRDs (${versions}) are supported`);
}
