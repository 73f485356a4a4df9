// The custom metrics a generated k6 script adds (Counters), shared by the generator and the summary
// parser so the two cannot disagree. Names follow k6's rule: letters, digits and underscores.
export const K6_METRICS = {
  /** Errors and non-2xx answers. */
  failed: 'gauntlet_failed',
  /** No response at all (k6 status 0). */
  transportErrors: 'gauntlet_transport_errors',
  /** k6 error code 1050: the request timed out. */
  timeouts: 'gauntlet_timeouts',
  /** 2xx answers whose body was not an echo answer. */
  unattributed: 'gauntlet_unattributed',
} as const;

export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export function statusClassMetric(statusClass: (typeof STATUS_CLASSES)[number]): string {
  return `gauntlet_status_${statusClass}`;
}

/** Backends are numbered in the script; the plan's candidate list names them. */
export const BACKEND_PREFIX = 'gauntlet_backend_';

export function backendMetric(index: number): string {
  return `${BACKEND_PREFIX}${index}`;
}

/** Lines around the summary JSON a generated script prints, so it can be found in a runner pod's log. */
export const SUMMARY_BEGIN = '--- gauntlet k6 summary begin ---';
export const SUMMARY_END = '--- gauntlet k6 summary end ---';
/** The file handleSummary also writes, in the working directory. */
export const SUMMARY_FILE = 'gauntlet-k6-summary.json';
