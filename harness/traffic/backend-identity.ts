// Which backend answered, from the echo body. A backend is named the way scenarios name it: the Deployment
// name, which prefixes every pod name (infra-backend-v1-7f9c-abcde), or the Service name the echo reports.
//
//   backendMatches(backend, echo): boolean
//   identifyBackend(candidates, echo): string | undefined   (the longest matching candidate)
import type { EchoedRequest } from './send-request.ts';

export function backendMatches(backend: string, echo: Pick<EchoedRequest, 'pod' | 'service'>): boolean {
  // Require a "-" after the prefix so that infra-backend-v1 does not claim pods of infra-backend-v10.
  return echo.pod === backend || echo.pod.startsWith(`${backend}-`) || echo.service === backend;
}

export function identifyBackend(candidates: readonly string[], echo: Pick<EchoedRequest, 'pod' | 'service'>): string | undefined {
  let best: string | undefined;
  for (const candidate of candidates) {
    if (backendMatches(candidate, echo) && (best === undefined || candidate.length > best.length)) best = candidate;
  }
  return best;
}

export function describeBackend(echo: Pick<EchoedRequest, 'pod' | 'service'>): string {
  const service = echo.service === '' ? '' : ` service ${echo.service}`;
  return `pod ${echo.pod === '' ? '(unnamed)' : echo.pod}${service}`;
}
