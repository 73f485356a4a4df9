// Decodes a PATCH body. The API server may hand over the raw body (string or bytes) or an already
// decoded value; apply patches are YAML (which includes JSON), the other flavours JSON only.
import { parse as parseYaml } from 'yaml';
import { PatchError } from './patch-error.ts';

export function decodePatchBody(body: unknown, yamlAllowed: boolean): unknown {
  const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : body;
  if (typeof text !== 'string') return body;
  try {
    return yamlAllowed ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const format = yamlAllowed ? 'YAML or JSON' : 'JSON';
    throw new PatchError('BadRequest', `the patch body is not valid ${format}: ${(error as Error).message}`);
  }
}
