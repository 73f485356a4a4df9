// Reads and decodes request bodies. JSON is what kubectl apply and client-node send; protobuf (kubectl
// create namespace/secret) is refused with a Status that says what to send instead.

import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../store/api-error.ts';

/** The real API server's default request size limit. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.includes('protobuf')) {
    // Drain so the connection stays usable, then refuse.
    for await (const _ of req) {
      /* discard */
    }
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the local API server does not accept protobuf bodies (${contentType}): send JSON, e.g. write the object to a file and use "kubectl apply -f" instead of "kubectl create <kind> ..."`,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'BadRequest', `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON (or, when `yamlAllowed`, YAML) body into an object; an empty body is `undefined`. */
export function parseObjectBody(text: string, yamlAllowed = false): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = yamlAllowed ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(`the request body is not valid ${yamlAllowed ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
