// URLRewrite: the Host and/or path the request is forwarded with.
import type { UrlRewriteIR } from '../../../ir/gateway-ir.ts';
import type { HTTPURLRewriteFilter } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';
import { compilePathModifier } from './path-modifier.ts';

export function compileUrlRewrite(config: HTTPURLRewriteFilter, context: FilterContext): UrlRewriteIR {
  const path = config.path ? compilePathModifier(config.path, `${context.where}.urlRewrite.path`, context) : undefined;
  return { type: 'URLRewrite', ...(config.hostname !== undefined ? { hostname: config.hostname } : {}), ...(path ? { path } : {}) };
}
