// Every condition type and reason the translator writes, named once, for GatewayClasses, Gateways, their
// listeners and routes. The values are the specification's (apis/v1 gatewayclass_types.go, gateway_types.go,
// shared_types.go); the rest of the controller refers to these names, never to bare strings, so a reason is
// spelled one way everywhere and a reader can find every place that writes it.

type ValueOf<T> = T[keyof T];

export const GatewayClassConditionType = {
  Accepted: 'Accepted',
  SupportedVersion: 'SupportedVersion',
} as const;

export const GatewayClassReason = {
  Accepted: 'Accepted',
  InvalidParameters: 'InvalidParameters',
  SupportedVersion: 'SupportedVersion',
  UnsupportedVersion: 'UnsupportedVersion',
} as const;

export const GatewayConditionType = {
  Accepted: 'Accepted',
  Programmed: 'Programmed',
  /** References of the Gateway outside its listeners (the backend client certificate), and a summary of its listeners'. */
  ResolvedRefs: 'ResolvedRefs',
  /** Present (True) only while some client certificate validation allows an insecure fallback. */
  InsecureFrontendValidationMode: 'InsecureFrontendValidationMode',
} as const;

export const GatewayReason = {
  Accepted: 'Accepted',
  ListenersNotValid: 'ListenersNotValid',
  InvalidParameters: 'InvalidParameters',
  UnsupportedAddress: 'UnsupportedAddress',
  Programmed: 'Programmed',
  Invalid: 'Invalid',
  Pending: 'Pending',
  AddressNotAssigned: 'AddressNotAssigned',
  /** A requested address the load balancer refused, or one this implementation cannot serve besides another. */
  AddressNotUsable: 'AddressNotUsable',
  ResolvedRefs: 'ResolvedRefs',
  /** spec.tls.backend.clientCertificateRef names something missing, of another kind, or malformed. */
  InvalidClientCertificateRef: 'InvalidClientCertificateRef',
  /** spec.tls.backend.clientCertificateRef points into another namespace without a ReferenceGrant. */
  RefNotPermitted: 'RefNotPermitted',
  /** One or more listeners have ResolvedRefs False. */
  ListenersNotResolved: 'ListenersNotResolved',
  /** A validation mode was changed to AllowInsecureFallback (InsecureFrontendValidationMode True). */
  ConfigurationChanged: 'ConfigurationChanged',
} as const;

export const ListenerConditionType = {
  Accepted: 'Accepted',
  Programmed: 'Programmed',
  ResolvedRefs: 'ResolvedRefs',
  Conflicted: 'Conflicted',
} as const;

export const ListenerReason = {
  Accepted: 'Accepted',
  UnsupportedProtocol: 'UnsupportedProtocol',
  HostnameConflict: 'HostnameConflict',
  ProtocolConflict: 'ProtocolConflict',
  NoConflicts: 'NoConflicts',
  ResolvedRefs: 'ResolvedRefs',
  InvalidRouteKinds: 'InvalidRouteKinds',
  /** A certificateRef naming something missing, of an unsupported kind, or holding no usable certificate. */
  InvalidCertificateRef: 'InvalidCertificateRef',
  /** A certificateRef (or a caCertificateRef) into another namespace that no ReferenceGrant there allows. */
  RefNotPermitted: 'RefNotPermitted',
  /** A caCertificateRef of client validation naming something missing or holding no usable CA bundle. */
  InvalidCACertificateRef: 'InvalidCACertificateRef',
  /** A caCertificateRef of client validation naming a kind that holds no CA bundle. */
  InvalidCACertificateKind: 'InvalidCACertificateKind',
  /** Not accepted: none of the client validation's caCertificateRefs resolved. */
  NoValidCACertificate: 'NoValidCACertificate',
  Programmed: 'Programmed',
  Invalid: 'Invalid',
  Pending: 'Pending',
} as const;

export const RouteConditionType = {
  Accepted: 'Accepted',
  ResolvedRefs: 'ResolvedRefs',
  PartiallyInvalid: 'PartiallyInvalid',
} as const;

export const RouteReason = {
  Accepted: 'Accepted',
  NotAllowedByListeners: 'NotAllowedByListeners',
  NoMatchingListenerHostname: 'NoMatchingListenerHostname',
  NoMatchingParent: 'NoMatchingParent',
  /** An enum value the implementation does not know or support, or a value the specification makes invalid. */
  UnsupportedValue: 'UnsupportedValue',
  /** Filters that may not be combined in one rule (URLRewrite with RequestRedirect, a core filter twice). */
  IncompatibleFilters: 'IncompatibleFilters',
  ResolvedRefs: 'ResolvedRefs',
  RefNotPermitted: 'RefNotPermitted',
  InvalidKind: 'InvalidKind',
  BackendNotFound: 'BackendNotFound',
  UnsupportedProtocol: 'UnsupportedProtocol',
} as const;

/** A ListenerSet's own conditions (apis/v1 listenerset_types.go); its listeners use the Listener ones. */
export const ListenerSetConditionType = {
  Accepted: 'Accepted',
  Programmed: 'Programmed',
} as const;

export const ListenerSetReason = {
  Accepted: 'Accepted',
  /** The parent Gateway's allowedListeners does not select the ListenerSet's namespace. */
  NotAllowed: 'NotAllowed',
  ParentNotAccepted: 'ParentNotAccepted',
  /** Some listeners are invalid (Accepted True) or all of them are (Accepted and Programmed False). */
  ListenersNotValid: 'ListenersNotValid',
  Programmed: 'Programmed',
  Pending: 'Pending',
} as const;

/** BackendTLSPolicy conditions, per ancestor Gateway (status.ancestors[].conditions). */
export const PolicyConditionType = {
  Accepted: 'Accepted',
  ResolvedRefs: 'ResolvedRefs',
} as const;

export const PolicyReason = {
  Accepted: 'Accepted',
  /** Another policy targeting the same Service port takes precedence (older, then first by namespace/name). */
  Conflicted: 'Conflicted',
  /** Something in the policy this implementation cannot honour (an unknown wellKnownCACertificates, ...). */
  Invalid: 'Invalid',
  /** None of the policy's caCertificateRefs resolved. */
  NoValidCACertificate: 'NoValidCACertificate',
  ResolvedRefs: 'ResolvedRefs',
  InvalidCACertificateRef: 'InvalidCACertificateRef',
  InvalidKind: 'InvalidKind',
} as const;

export type GatewayClassConditionType = ValueOf<typeof GatewayClassConditionType>;
export type GatewayClassReason = ValueOf<typeof GatewayClassReason>;
export type GatewayConditionType = ValueOf<typeof GatewayConditionType>;
export type GatewayReason = ValueOf<typeof GatewayReason>;
export type ListenerConditionType = ValueOf<typeof ListenerConditionType>;
export type ListenerReason = ValueOf<typeof ListenerReason>;
export type RouteConditionType = ValueOf<typeof RouteConditionType>;
export type RouteReason = ValueOf<typeof RouteReason>;
export type PolicyConditionType = ValueOf<typeof PolicyConditionType>;
export type PolicyReason = ValueOf<typeof PolicyReason>;
export type ListenerSetConditionType = ValueOf<typeof ListenerSetConditionType>;
export type ListenerSetReason = ValueOf<typeof ListenerSetReason>;

/** A listener conflict is reported with the reason naming it (Conflicted, Accepted and Programmed alike). */
export type ListenerConflictReason = typeof ListenerReason.HostnameConflict | typeof ListenerReason.ProtocolConflict;

/** Why a listener's certificateRefs do not resolve (ResolvedRefs False). */
export type ListenerCertificateReason = typeof ListenerReason.InvalidCertificateRef | typeof ListenerReason.RefNotPermitted;

/** Why a caCertificateRef of a listener's client validation does not resolve (ResolvedRefs False). */
export type ListenerCaReason = typeof ListenerReason.InvalidCACertificateRef | typeof ListenerReason.InvalidCACertificateKind | typeof ListenerReason.RefNotPermitted;

/** Why a route does not attach to a parent. */
export type RouteRefusalReason =
  | typeof RouteReason.NotAllowedByListeners
  | typeof RouteReason.NoMatchingListenerHostname
  | typeof RouteReason.NoMatchingParent
  | typeof RouteReason.UnsupportedValue
  | typeof RouteReason.IncompatibleFilters;

/** Why a reference of a route (a backendRef, a mirror's backendRef, an ExtensionRef) does not resolve. */
export type RouteRefReason =
  | typeof RouteReason.RefNotPermitted
  | typeof RouteReason.InvalidKind
  | typeof RouteReason.BackendNotFound
  | typeof RouteReason.UnsupportedProtocol;

/** Why one rule of a route is invalid (its matches answer 500; see route-rule-problems.ts). */
export type RuleInvalidReason = typeof RouteReason.UnsupportedValue | typeof RouteReason.IncompatibleFilters;

export type ConditionType = GatewayClassConditionType | GatewayConditionType | ListenerConditionType | RouteConditionType | PolicyConditionType | ListenerSetConditionType;
export type ConditionReason = GatewayClassReason | GatewayReason | ListenerReason | RouteReason | PolicyReason | ListenerSetReason;
