// Thresholds as bounds: a measured value against {atMost, atLeast}, with the sentence a failure reads.
//
//   boundProblem(what, value, bound, unit): string | undefined
import type { Bound } from '../scenario/scenario-types.ts';

export type { Bound };

function figure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1).replace(/\.?0+$/, '');
}

export function describeBound(bound: Bound, unit = ''): string {
  const suffix = unit === '' ? '' : ` ${unit}`;
  const parts = [...(bound.atLeast === undefined ? [] : [`at least ${figure(bound.atLeast)}${suffix}`]), ...(bound.atMost === undefined ? [] : [`at most ${figure(bound.atMost)}${suffix}`])];
  return parts.join(' and ');
}

export function withinBound(value: number, bound: Bound): boolean {
  return (bound.atMost === undefined || value <= bound.atMost) && (bound.atLeast === undefined || value >= bound.atLeast);
}

export function boundProblem(what: string, value: number | undefined, bound: Bound | undefined, unit = ''): string | undefined {
  if (bound === undefined) return undefined;
  if (value === undefined || !Number.isFinite(value)) return `${what}: expected ${describeBound(bound, unit)}, but it was not measured`;
  if (withinBound(value, bound)) return undefined;
  return `${what}: expected ${describeBound(bound, unit)}, got ${figure(value)}${unit === '' ? '' : ` ${unit}`}`;
}
