// One line naming a request, for default step names and failure messages: `GET host/path with version: one`.
import type { ProbeRequestSpec } from './scenario-types.ts';

export function describeRequest(request: ProbeRequestSpec): string {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return `${request.method ?? 'GET'} ${request.host ?? ''}${request.path}${headers.length > 0 ? ` with ${headers.join(', ')}` : ''}`;
}
