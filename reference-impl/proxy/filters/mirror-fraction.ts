// RequestMirror's percent / fraction, decided per request: numerator out of denominator requests
// are copied, independently for each request (no counters to share between proxy processes).

import type { RandomSource } from '../backend/choose-backend.ts';

export interface MirrorFraction {
  numerator: number;
  denominator: number;
}

/** True when this request is to be mirrored; 0/d never draws, n >= d always mirrors without a draw. */
export function shouldMirror(fraction: MirrorFraction, random: RandomSource): boolean {
  if (fraction.numerator <= 0) return false;
  if (fraction.numerator >= fraction.denominator) return true;
  return random() * fraction.denominator < fraction.numerator;
}
