// The Gateway conditions about TLS beyond Accepted and Programmed. ResolvedRefs (experimental in the
// specification) is written for a Gateway naming a backend client certificate, the one reference of a Gateway
// outside its listeners: that reference first, then a summary of the listeners' own ResolvedRefs
// (ListenersNotResolved); other Gateways' listeners say it all themselves. InsecureFrontendValidationMode:
// present, True with ConfigurationChanged, exactly while a client validation of the Gateway allows
// AllowInsecureFallback; absent otherwise, as the specification asks.
import { GatewayConditionType, GatewayReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition, trueCondition } from './conditions.ts';
import { insecureFallbackSettings } from './frontend-tls/client-validation.ts';
import type { BackendClientCertificate } from './gateway-backend-client-certificate.ts';
import { lacksValidCaCertificate, type ValidatedListener } from './listener-validation.ts';
import type { GatewayObject } from './snapshot.ts';

/** Undefined (left out) for a Gateway without spec.tls.backend.clientCertificateRef. */
export function gatewayResolvedRefsCondition(clientCertificate: BackendClientCertificate | undefined, listeners: ValidatedListener[]): DesiredCondition | undefined {
  const { ResolvedRefs } = GatewayConditionType;
  if (clientCertificate === undefined) return undefined;
  if (!clientCertificate.ok) return falseCondition(ResolvedRefs, clientCertificate.reason, clientCertificate.message);
  const unresolved = listeners.filter(hasUnresolvedRefs).map((listener) => listener.spec.name);
  if (unresolved.length > 0) {
    return falseCondition(ResolvedRefs, GatewayReason.ListenersNotResolved, `listeners with unresolved references (see their ResolvedRefs condition): ${unresolved.join(', ')}`);
  }
  return trueCondition(ResolvedRefs, GatewayReason.ResolvedRefs, 'all references are resolved');
}

function hasUnresolvedRefs(listener: ValidatedListener): boolean {
  return listener.certificates?.problem !== undefined || listener.clientValidation?.problem !== undefined || lacksValidCaCertificate(listener) || listener.invalidKinds.length > 0;
}

/** Undefined (the condition is left out) unless some client validation allows an insecure fallback. */
export function insecureFrontendCondition(gateway: GatewayObject): DesiredCondition | undefined {
  const settings = insecureFallbackSettings(gateway.spec.tls?.frontend);
  if (settings.length === 0) return undefined;
  return trueCondition(
    GatewayConditionType.InsecureFrontendValidationMode,
    GatewayReason.ConfigurationChanged,
    `AllowInsecureFallback in ${settings.join(', ')}: clients without a valid certificate are let in; authorize them elsewhere or use AllowValidOnly`,
  );
}
