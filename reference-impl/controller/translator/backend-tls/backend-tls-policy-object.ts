// The BackendTLSPolicy (gateway.networking.k8s.io/v1) and the ConfigMap as the API server returns them, only the
// fields the translator reads. A BackendTLSPolicy says how a Gateway speaks TLS to the Service ports it targets:
// the CA certificates (or the well-known system set) to verify the backend with, the name to send as SNI and to
// verify, and optionally the subjectAltNames to verify instead. Enum-like values are strings: the translator must
// refuse unknown ones, not trust them.
import type { Condition, ObjectMeta } from '../snapshot.ts';

/** A reference to an object in the policy's own namespace (LocalObjectReference). */
export interface LocalObjectReference {
  group: string;
  kind: string;
  name: string;
}

export interface PolicyTargetReference {
  group: string;
  kind: string;
  name: string;
  /** A port name of the targeted Service; absent: every port. */
  sectionName?: string;
}

export interface SubjectAltNameSpec {
  /** Hostname or URI. */
  type: string;
  hostname?: string;
  uri?: string;
}

export interface BackendTLSPolicyValidation {
  caCertificateRefs?: LocalObjectReference[];
  /** "System" or an implementation's own prefixed name. */
  wellKnownCACertificates?: string;
  hostname: string;
  subjectAltNames?: SubjectAltNameSpec[];
}

/** One entry of status.ancestors: the policy's conditions as seen from one Gateway. */
export interface PolicyAncestorStatus {
  ancestorRef: { group?: string; kind?: string; namespace?: string; name: string; sectionName?: string; port?: number };
  controllerName: string;
  conditions?: Condition[];
}

export interface BackendTLSPolicyObject {
  metadata: ObjectMeta;
  spec: {
    targetRefs: PolicyTargetReference[];
    validation: BackendTLSPolicyValidation;
    options?: Record<string, string>;
  };
  status?: { ancestors?: PolicyAncestorStatus[] };
}

/** A ConfigMap: `data` values are text (a CA bundle's PEM under `ca.crt`). */
export interface ConfigMapObject {
  metadata: ObjectMeta;
  data?: Record<string, string>;
}
