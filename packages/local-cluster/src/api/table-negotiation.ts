// kubectl get asks for a server-side Table through the Accept header
// (`application/json;as=Table;v=v1;g=meta.k8s.io, application/json`).

import type { IncomingMessage } from 'node:http';

export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept
    .split(',')
    .some((media) => /;\s*as=Table/.test(media) && /;\s*g=meta\.k8s\.io/.test(media) && !media.includes('protobuf'));
}
