// How long and how many a client may hold the proxy's resources: a slow client trickling its head or
// body, an idle keep-alive connection, a connection that never sends a byte, and more connections than
// the process can afford are all cut here rather than allowed to pin memory and file descriptors.

export interface ClientLimits {
  /** A request head must be complete within this long (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A whole request, head and body, must arrive within this long (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** A connection with nothing to do (before its first byte, or kept alive between requests) is closed after this long. */
  idleTimeoutMs: number;
  /** Client connections one port holds at once; any more are closed as they arrive. Keep it below the process's file descriptor limit. */
  maxConnections: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = { headersTimeoutMs: 60_000, requestTimeoutMs: 300_000, idleTimeoutMs: 65_000, maxConnections: 10_000 };

export class ClientLimitsError extends Error {
  readonly code = 'PROXY_CLIENT_LIMITS_INVALID';
  constructor(message: string) {
    super(`proxy client limits: ${message}`);
    this.name = 'ClientLimitsError';
  }
}

/** The defaults with the given overrides; throws ClientLimitsError when they cannot work together. */
export function resolveClientLimits(overrides: Partial<ClientLimits> = {}): ClientLimits {
  const limits = { ...DEFAULT_CLIENT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) throw new ClientLimitsError(`${name} must be a positive integer, got ${value}`);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new ClientLimitsError(`headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs}): a head is part of its request`);
  }
  return limits;
}

/** How often Node's HTTP server looks for requests past their timeouts: often enough that a timeout is late by a quarter at most. */
export function connectionsCheckingIntervalMs(limits: ClientLimits): number {
  return Math.max(50, Math.min(30_000, Math.floor(limits.headersTimeoutMs / 4)));
}
