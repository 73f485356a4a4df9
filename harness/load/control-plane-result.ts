// The results model of control-plane measurements: route propagation (how long a new route takes to
// serve while many exist) and attached-routes scale (how long many routes take to attach and settle, how
// many status writes that took, what the controller and proxy spent).
import type { LatencySummary } from './latency-summary.ts';

export interface PropagationResult {
  /** Routes present (created and serving) before measuring. */
  existingRoutes: number;
  measuredRoutes: number;
  /** From applying each route to its first 200. */
  delayMs: LatencySummary;
  /** Answers other than 404 before the first 200, and transport errors, while polling. */
  errors: number;
  /** Unexpected statuses seen while polling (not 404, not 200), with counts; "error" for transport errors. */
  unexpected: Record<string, number>;
  /** Polling requests sent. */
  polls: number;
  /**
   * Controller and proxy CPU and memory while the measured routes were applied; empty when pods are not host
   * processes; absent in results written before it was measured.
   */
  usage?: ComponentUsage[];
}

/** What one component's processes used during a stage (local cluster pods only: they are host processes). */
export interface ComponentUsage {
  component: string;
  pods: string[];
  cpuMs: number;
  /** CPU over the stage's wall time (1.0 = one core). */
  cores: number;
  peakRssMiB: number;
}

export interface RouteScaleResult {
  routes: number;
  /** From the first create until every route is Accepted and attachedRoutes settled. */
  settledMs: number;
  /** From the first delete until attachedRoutes is back where it was. */
  deletedMs: number;
  /** HTTPRoute status writes seen at the API server (watch events that changed status) while settling. */
  routeStatusWrites: number;
  statusWritesPerRoute: number;
  /** Gateway status writes while settling. */
  gatewayStatusWrites: number;
  attachedRoutes: { before: number; settled: number; after: number };
  /** Per stage; empty when the cluster's pods are not host processes (only the local cluster's are). */
  usage: { settle: ComponentUsage[]; delete: ComponentUsage[] };
}

export interface ControlPlaneResult {
  propagation?: PropagationResult;
  routeScale?: RouteScaleResult;
}
