// One line naming a request, for default step names and failure messages: `GET host/path with version: one`,
// `h2c GET host/path` for an h2c: case, or `WebSocket host/ws` for a websocket: case.
import type { ProbeRequestSpec, SentRequest } from './scenario-types.ts';

function withHeaders(line: string, headers: Record<string, string> | undefined): string {
  const list = Object.entries(headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return list.length > 0 ? `${line} with ${list.join(', ')}` : line;
}

export function describeRequest(request: ProbeRequestSpec): string {
  return withHeaders(`${request.method ?? 'GET'} ${request.host ?? ''}${request.path}`, request.headers);
}

export function describeSentRequest(request: SentRequest): string {
  switch (request.protocol) {
    case 'http':
      return describeRequest(request);
    case 'h2c':
      return `h2c ${describeRequest(request)}`;
    case 'websocket':
      return withHeaders(`WebSocket ${request.host ?? ''}${request.path}`, request.headers);
  }
}
