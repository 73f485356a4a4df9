// `timing:` of a request case: the whole response must arrive within a time, or not before one (a gateway
// timeout that fires too early is as wrong as one that never fires).
import type { TimingExpectation } from '../scenario/scenario-types.ts';
import { type Mismatch, mismatch } from './mismatch.ts';

const format = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`);

export function checkTiming(expect: TimingExpectation, elapsedMs: number): Mismatch[] {
  const found: Mismatch[] = [];
  if (expect.withinMs !== undefined && elapsedMs > expect.withinMs) found.push(mismatch('timing', `a response within ${format(expect.withinMs)}`, `one after ${format(elapsedMs)}`));
  if (expect.notBeforeMs !== undefined && elapsedMs < expect.notBeforeMs) found.push(mismatch('timing', `no response before ${format(expect.notBeforeMs)}`, `one after ${format(elapsedMs)}`));
  return found;
}
