// What a filtered exchange needs: the proxy-wide collaborators and limits (ExchangeDeps) and what
// one request asks for (ExchangeSpec), both assembled by handle-filtered-request.ts.

import type { RetryIR, ServiceBackendIR } from '../../ir/gateway-ir.ts';
import type { BackendChooser, Endpoint } from '../backend/choose-backend.ts';
import type { MirrorCopy } from '../filters/apply-chain.ts';
import type { ForwardDone, ForwardOptions } from './forward-request.ts';
import type { MirrorDeps } from './send-mirror.ts';
import type { UpstreamProtocol, UpstreamTransport } from './upstream-attempt.ts';

export interface ExchangeDeps {
  chooser: Pick<BackendChooser, 'endpointOf'>;
  transports: Record<UpstreamProtocol, UpstreamTransport>;
  forward: ForwardOptions;
  /** Largest body buffered so that a retry can send it again. */
  replayLimitBytes: number;
  /** A mirror lagging this far behind the main request's body is dropped. */
  mirrorLagLimitBytes: number;
  mirror: MirrorDeps;
  done: ForwardDone;
}

export interface ExchangeSpec {
  ruleId: string;
  backend: ServiceBackendIR;
  endpoint: Endpoint;
  method: string;
  target: string;
  headers: string[];
  /** The response side of the filters (backend's, then rule's) for upstream answers. */
  decorate: (headers: string[]) => string[];
  requestMs: number | undefined;
  backendRequestMs: number | undefined;
  unboundedAttempts: boolean;
  retry: RetryIR | undefined;
  mirrors: MirrorCopy[];
}
