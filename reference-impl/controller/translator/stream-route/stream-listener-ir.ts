// The IR of a TCP or UDP listener: it has no hostname to tell its routes apart, so of the routes attached to it
// the oldest carries all its traffic (then the first by namespace/name), as the specification settles
// conflicts between routes; the newer ones stay attached and accepted, and take over when it goes.
import type { StreamListenerIR } from '../../../ir/gateway-ir.ts';
import type { ValidatedListener } from '../listener-validation.ts';
import type { RouteAttachment } from '../route-translation.ts';
import type { CompiledStreamRule } from './stream-rule-compiler.ts';

export type AttachedStreamRoute = Pick<RouteAttachment<CompiledStreamRule>, 'listener' | 'rules'>;

export function buildStreamListener(listener: ValidatedListener, attached: readonly AttachedStreamRoute[]): StreamListenerIR {
  const rules = attached.filter((attachment) => attachment.listener === listener).flatMap((attachment) => attachment.rules);
  const [oldest] = rules.sort(byAge);
  if (oldest === undefined) return { listener: listener.spec.name };
  return { listener: listener.spec.name, route: { route: `${oldest.route.namespace}/${oldest.route.name}`, backends: oldest.backends } };
}

function byAge(a: CompiledStreamRule, b: CompiledStreamRule): number {
  const created = compareText(a.route.creationTimestamp, b.route.creationTimestamp);
  return created !== 0 ? created : compareText(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}
