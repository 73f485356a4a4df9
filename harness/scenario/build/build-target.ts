// `gateway` and `port` of a request case, split or load phase, falling back to `defaults`.
import type { DefaultsDocument } from '../format/scenario-format.ts';
import type { GatewayTarget, ObjectRef } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import type { BuildContext } from './build-context.ts';

export const DEFAULT_LISTENER_PORT = 80;

type RefDocument = NonNullable<DefaultsDocument['gateway']>;

export function objectRef(value: RefDocument): ObjectRef {
  if (typeof value !== 'string') return { namespace: value.namespace, name: value.name };
  const [namespace = '', name = ''] = value.split('/');
  return { namespace, name };
}

export function buildTarget(ctx: BuildContext, entry: { gateway?: RefDocument; port?: number }, path: YamlPath): GatewayTarget {
  const gateway = entry.gateway ?? ctx.defaults.gateway;
  if (gateway === undefined && !ctx.defaultsUnknown) ctx.report([...path, 'gateway'], 'is required: name the Gateway here ("namespace/name") or set defaults.gateway');
  return {
    gateway: gateway === undefined ? { namespace: '', name: '' } : objectRef(gateway),
    port: entry.port ?? ctx.defaults.port ?? DEFAULT_LISTENER_PORT,
  };
}

export function headerText(headers: Record<string, string | number> | undefined): Record<string, string> | undefined {
  return headers === undefined ? undefined : Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
