/// <reference lib="dom" />
// Series colours: distinguishable for common colour blindness (Okabe-Ito), the first two far apart so a
// comparison's base and new runs never look alike; expected values in neutral grey.

const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const EXPECTED_COLOUR = '#9aa0a6';
export const FAILURE_COLOUR = '#D55E00';

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? '#0072B2';
}

/** The colour at a given opacity, for bar fills under solid outlines. */
export function translucent(colour: string, alpha: number): string {
  const value = Number.parseInt(colour.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
