// `?delay=` takes a Go duration string (time.ParseDuration), e.g. "300ms", "1.5s", "1m30s".

export class InvalidDurationError extends Error {
  readonly code = 'ECHO_INVALID_DURATION';
  constructor(text: string) {
    super(`time: invalid duration "${text}" (use a Go duration such as 500ms, 2s or 1m30s)`);
    this.name = 'InvalidDurationError';
  }
}

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/** Parses a Go duration into milliseconds; throws InvalidDurationError on anything Go would reject. */
export function parseGoDurationMs(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new InvalidDurationError(text);
  let total = 0;
  while (rest.length > 0) {
    const part = PART.exec(rest);
    const unit = part?.[2];
    const scale = unit === undefined ? undefined : UNIT_MS[unit];
    if (part === null || part[1] === undefined || scale === undefined) throw new InvalidDurationError(text);
    total += Number(part[1]) * scale;
    rest = rest.slice(part[0].length);
  }
  return sign * total;
}
