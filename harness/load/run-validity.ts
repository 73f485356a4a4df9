// Whether a load run's figures can be trusted. A run is invalid (never passed, whatever its thresholds
// say) when the open model's achieved rate fell short of its target, or when the generator itself was the
// bottleneck (its event loop busy nearly all the window): then the figures would describe the generator,
// not the target. A dispatcher running late behind its schedule while its event loop was mostly idle is
// the machine's doing (other processes had the cores): that is a warning, not an invalid run, because the
// open model counts latency from the intended send time, so the lag can only add to the latency measured:
// a run within its latency bounds is within them with the lag too (judge-load.ts names the lag when a
// latency bound fails).
//
//   judgeValidity(facts): RunValidity
import type { LoadModel, RunValidity } from './load-result.ts';

/** The open model must send at least this share of its target rate within the window. */
export const ACHIEVED_RATE_FLOOR = 0.95;
/** A worker whose event loop was busy this share of the window or more was saturated. */
export const SATURATED_EVENT_LOOP = 0.95;
/** The open model's dispatcher may fall this far behind its schedule at p99, ms. */
export const SCHEDULE_LAG_LIMIT_MS = 10;

export interface ValidityFacts {
  model: LoadModel;
  durationSeconds: number;
  targetRate?: number;
  /** Requests written before the window ended. */
  sentInWindow: number;
  /** Open model: requests still waiting for a connection when the run gave up on them. */
  unsent: number;
  eventLoopUtilization: number[];
  cpuMs: number;
  scheduleLagP99Ms?: number;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function judgeValidity(facts: ValidityFacts): RunValidity {
  const reasons: string[] = [];
  const busiest = Math.max(0, ...facts.eventLoopUtilization);
  const saturated = busiest >= SATURATED_EVENT_LOOP;
  const lagging = facts.scheduleLagP99Ms !== undefined && facts.scheduleLagP99Ms > SCHEDULE_LAG_LIMIT_MS;
  if (facts.model === 'open' && facts.targetRate !== undefined) {
    const achieved = facts.sentInWindow / facts.durationSeconds;
    if (achieved < facts.targetRate * ACHIEVED_RATE_FLOOR) {
      const cause = saturated
        ? 'the generator could not keep up (saturated, see below)'
        : lagging
          ? 'the generator ran behind its schedule for want of CPU (see the warning)'
          : 'requests waited for a free connection: the target answered too slowly for the connections given (more connections, or the target is at its limit)';
      reasons.push(
        `achieved rate ${achieved.toFixed(0)}/s is ${percent(achieved / facts.targetRate)} of the target ${facts.targetRate}/s (at least ${percent(ACHIEVED_RATE_FLOOR)} needed): ${cause}` +
          (facts.unsent > 0 ? `; ${facts.unsent} due request(s) were never sent` : ''),
      );
    }
  }
  if (saturated) {
    const cpuShare = facts.cpuMs / (facts.durationSeconds * 1000 * Math.max(1, facts.eventLoopUtilization.length));
    reasons.push(
      `the load generator saturated: a worker's event loop was busy ${percent(busiest)} of the window (CPU ${percent(cpuShare)} per worker), so the figures may be its own limit, not the target's; give it more workers or cores, or a lower rate`,
    );
  }
  const warnings: string[] = [];
  if (lagging) {
    const lag = `the generator fell behind its own schedule: p99 ${facts.scheduleLagP99Ms?.toFixed(1)} ms late (more than ${SCHEDULE_LAG_LIMIT_MS} ms)`;
    if (saturated) reasons.push(`${lag}: it was short of CPU`);
    else warnings.push(`${lag} with its event loop mostly idle: other processes had the cores; latency figures include up to that lag`);
  }
  return warnings.length === 0 ? { valid: reasons.length === 0, reasons } : { valid: reasons.length === 0, reasons, warnings };
}
