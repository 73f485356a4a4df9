// The desired status of an accepted Gateway: its conditions (Accepted, Programmed, ResolvedRefs for a Gateway
// naming a backend client certificate and, while an insecure client validation fallback is allowed,
// InsecureFrontendValidationMode), one entry per listener and
// the addresses observed on its LoadBalancer Service (gateway-addresses.ts compares them with spec.addresses).
import { GatewayConditionType, GatewayReason, ListenerReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from './conditions.ts';
import { addressProblem, assignedAddresses, type GatewayStatusAddress } from './gateway-addresses.ts';
import type { BackendClientCertificate } from './gateway-backend-client-certificate.ts';
import { gatewayResolvedRefsCondition, insecureFrontendCondition } from './gateway-tls-conditions.ts';
import { listenerConditions } from './listener-conditions.ts';
import { lacksValidCaCertificate, listenerIsInvalid, type ValidatedListener } from './listener-validation.ts';
import type { GatewayObject, GatewayStatus, ListenerStatus, ObservedInfra } from './snapshot.ts';

export interface GatewayStatusInput {
  gateway: GatewayObject;
  /** From acceptedCondition: decided once, since it also decides whether the Gateway is served. */
  accepted: DesiredCondition;
  listeners: ValidatedListener[];
  attachedRoutes: Map<string, number>;
  infra: ObservedInfra | undefined;
  /** spec.tls.backend.clientCertificateRef resolved, when the Gateway names one. */
  backendClientCertificate: BackendClientCertificate | undefined;
  now: string;
  /** ListenerSets attached to the Gateway; written when defined (the Gateway allows ListenerSets, or some attached). */
  attachedListenerSets?: number;
}

export function gatewayStatus(input: GatewayStatusInput): GatewayStatus {
  const { gateway, listeners, now } = input;
  const context = { generation: gateway.metadata.generation, now };
  const addresses = assignedAddresses(input.infra);
  const { accepted } = input;
  const programmed =
    accepted.status === 'True'
      ? programmedCondition(addresses, gateway.spec.addresses ?? [], input.infra)
      : falseCondition(GatewayConditionType.Programmed, GatewayReason.Invalid, 'the Gateway is not accepted');
  const listenerStatuses: ListenerStatus[] = listeners.map((listener) => {
    const stored = gateway.status?.listeners?.find((entry) => entry.name === listener.spec.name);
    return {
      name: listener.spec.name,
      supportedKinds: listener.supportedKinds,
      attachedRoutes: input.attachedRoutes.get(listener.spec.name) ?? 0,
      conditions: settleConditions(listenerConditions(listener, programmed.status === 'True'), stored?.conditions, context),
    };
  });
  return {
    ...(addresses.length > 0 ? { addresses } : {}),
    conditions: settleConditions(
      [accepted, programmed, ...optional(gatewayResolvedRefsCondition(input.backendClientCertificate, listeners)), ...optional(insecureFrontendCondition(gateway))],
      gateway.status?.conditions,
      context,
    ),
    listeners: listenerStatuses,
    ...(input.attachedListenerSets === undefined ? {} : { attachedListenerSets: input.attachedListenerSets }),
  };
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** Address types a LoadBalancer Service can give (an IPAddress request without a type defaults to IPAddress). */
const SUPPORTED_ADDRESS_TYPES = new Set(['IPAddress', 'Hostname']);

/**
 * The Gateway's Accepted condition; the translator serves and provisions only Gateways it makes True.
 * `classRefusal` says why the Gateway's class is not accepted, if it is not.
 */
export function acceptedCondition(gateway: GatewayObject, listeners: ValidatedListener[], classRefusal?: string): DesiredCondition {
  const { Accepted } = GatewayConditionType;
  if (classRefusal) return falseCondition(Accepted, GatewayReason.InvalidParameters, classRefusal);
  const parametersRef = gateway.spec.infrastructure?.parametersRef;
  if (parametersRef) {
    return falseCondition(
      Accepted,
      GatewayReason.InvalidParameters,
      `spec.infrastructure.parametersRef names ${parametersRef.kind} ${parametersRef.name}, but this controller takes no parameters; remove the reference`,
    );
  }
  const unsupported = (gateway.spec.addresses ?? []).map((address) => address.type ?? 'IPAddress').filter((type) => !SUPPORTED_ADDRESS_TYPES.has(type));
  if (unsupported.length > 0) {
    return falseCondition(Accepted, GatewayReason.UnsupportedAddress, `spec.addresses requests address types ${[...new Set(unsupported)].join(', ')}; only IPAddress and Hostname are supported`);
  }
  const invalid = listeners.filter(listenerIsInvalid);
  if (invalid.length === 0) return trueCondition(Accepted, GatewayReason.Accepted, 'the Gateway is accepted');
  // The spec asks the message to say which listeners are conflicted (or otherwise invalid) and which are accepted.
  const why = (listener: ValidatedListener) => `${listener.spec.name} (${invalidityReason(listener)})`;
  const valid = listeners.filter((listener) => !invalid.includes(listener)).map((listener) => listener.spec.name);
  const message = `listeners not valid: ${invalid.map(why).join(', ')}; accepted: ${valid.length > 0 ? valid.join(', ') : 'none'}`;
  if (valid.length > 0) return trueCondition(Accepted, GatewayReason.ListenersNotValid, message);
  return falseCondition(Accepted, GatewayReason.ListenersNotValid, message);
}

/** Why an invalid listener cannot be configured, as the reason its own conditions give. */
function invalidityReason(listener: ValidatedListener): string {
  if (!listener.protocolSupported) return ListenerReason.UnsupportedProtocol;
  if (listener.conflict) return listener.conflict;
  if (listener.certificates !== undefined && listener.certificates.resolved.length === 0) return listener.certificates.problem?.reason ?? ListenerReason.Invalid;
  if (lacksValidCaCertificate(listener)) return ListenerReason.NoValidCACertificate;
  return ListenerReason.Invalid;
}

function programmedCondition(assigned: GatewayStatusAddress[], requested: NonNullable<GatewayObject['spec']['addresses']>, infra: ObservedInfra | undefined): DesiredCondition {
  const problem = addressProblem(requested, assigned, infra);
  if (problem) return problem;
  if ((infra?.readyReplicas ?? 0) < 1) return falseCondition(GatewayConditionType.Programmed, GatewayReason.Pending, 'waiting for a ready proxy replica');
  return trueCondition(GatewayConditionType.Programmed, GatewayReason.Programmed, 'the proxy is ready and has an address');
}
