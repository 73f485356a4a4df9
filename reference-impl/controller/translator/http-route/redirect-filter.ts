// RequestRedirect: the answer's Location is built by the proxy from the request and these parts. Omitted
// parts stay omitted (the proxy derives the port from the scheme or the listener, as the specification
// says); the status code defaults to 302. A scheme or status code the specification does not define makes
// the rule invalid (UnsupportedValue).
import type { RequestRedirectIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPRequestRedirectFilter } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';
import { compilePathModifier } from './path-modifier.ts';

const SCHEMES = ['http', 'https'] as const;
const STATUS_CODES = [301, 302, 303, 307, 308] as const;
const DEFAULT_STATUS_CODE = 302;

export function compileRedirect(config: HTTPRequestRedirectFilter, context: FilterContext): RequestRedirectIR | undefined {
  const where = `${context.where}.requestRedirect`;
  const invalid = (message: string) => context.issues.invalid(RouteReason.UnsupportedValue, `${where}.${message}`);
  const scheme = SCHEMES.find((known) => known === config.scheme);
  if (config.scheme !== undefined && !scheme) invalid(`scheme "${config.scheme}" is not supported (one of ${SCHEMES.join(', ')})`);
  const statusCode = STATUS_CODES.find((known) => known === (config.statusCode ?? DEFAULT_STATUS_CODE));
  if (!statusCode) invalid(`statusCode ${config.statusCode} is not supported (one of ${STATUS_CODES.join(', ')})`);
  if (config.port !== undefined && !(Number.isInteger(config.port) && config.port >= 1 && config.port <= 65535)) invalid(`port ${config.port} is not a port (1 to 65535)`);
  const path = config.path ? compilePathModifier(config.path, `${where}.path`, context) : undefined;
  if (!statusCode) return undefined;
  return {
    type: 'RequestRedirect',
    ...(scheme ? { scheme } : {}),
    ...(config.hostname !== undefined ? { hostname: config.hostname } : {}),
    ...(config.port !== undefined ? { port: config.port } : {}),
    ...(path ? { path } : {}),
    statusCode,
  };
}
