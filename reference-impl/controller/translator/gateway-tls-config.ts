// A Gateway's `spec.tls` as the API server returns it (only the fields the translator reads): how clients
// presenting certificates are validated (`frontend`: a Gateway-wide default and per-port overrides, each
// applying to the HTTPS listeners of its ports), and the client certificate the Gateway presents to backends
// it speaks TLS to (`backend`). Enum-like values are strings: the translator refuses unknown ones.
import type { SecretObjectReference } from './snapshot.ts';

/** A reference to any object, possibly in another namespace (ObjectReference). */
export interface ObjectReference {
  group: string;
  kind: string;
  name: string;
  /** Absent: the Gateway's namespace. Another namespace needs a ReferenceGrant there. */
  namespace?: string;
}

export interface FrontendTLSValidation {
  caCertificateRefs?: ObjectReference[];
  /** AllowValidOnly (the default) or AllowInsecureFallback. */
  mode?: string;
}

export interface FrontendTLSSettings {
  validation?: FrontendTLSValidation;
}

export interface FrontendTLSConfig {
  default?: FrontendTLSSettings;
  perPort?: { port: number; tls?: FrontendTLSSettings }[];
}

export interface GatewayTLSConfig {
  frontend?: FrontendTLSConfig;
  backend?: { clientCertificateRef?: SecretObjectReference };
}
