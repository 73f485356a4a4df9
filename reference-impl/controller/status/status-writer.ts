// Writes desired statuses through the status subresource, and only when they differ from what is
// stored, so a steady cluster sees no writes from the controller.
import { type CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { describeFailure, httpStatusOf } from '../controller-error.ts';
import { GATEWAY_API_GROUP } from '../translator/gateway-api-names.ts';
import { ROUTE_KIND_PLURALS } from '../translator/route-kind-catalog.ts';
import type { StatusKind, StatusUpdate } from '../translator/translation-result.ts';
import type { OwnStatusWrites } from './own-status-writes.ts';
import { sameAsOwnWrite, statusDiffers, statusMergePatch } from './status-diff.ts';

const VERSION = 'v1';

export type StatusWriteOutcome = 'unchanged' | 'written' | 'gone';

/** The status the desired one was computed against, and the object's resourceVersion at that moment. */
export interface StoredStatus {
  status: unknown;
  resourceVersion?: string | undefined;
}

export class StatusWriter {
  readonly #api: CustomObjectsApi;
  readonly #ownWrites: OwnStatusWrites | undefined;
  /** `ownWrites` learns every write (its watch event is told apart, and a pass behind it reads what it left). */
  constructor(api: CustomObjectsApi, ownWrites?: OwnStatusWrites) {
    this.#api = api;
    this.#ownWrites = ownWrites;
  }

  /**
   * Throws a ControllerApiError when the API refuses the write (the caller retries later). The patch carries the
   * resourceVersion the status was computed from: a status changed meanwhile (say another controller's entry in
   * status.parents of a shared route) makes it a 409 Conflict instead of being overwritten.
   */
  async write(update: StatusUpdate, seen: StoredStatus): Promise<StatusWriteOutcome> {
    // A pass that saw the object before this controller's last write to it compares with what that write left.
    const ownWrite = this.#ownWrites?.newerThan(update.kind, update.namespace, update.name, seen.resourceVersion);
    const stored = ownWrite ?? seen;
    if (ownWrite ? sameAsOwnWrite(update.status, ownWrite.status) : !statusDiffers(update.status, stored.status)) return 'unchanged';
    const patch = statusMergePatch(update.status, stored.status);
    const body = stored.resourceVersion === undefined ? patch : { ...patch, metadata: { resourceVersion: stored.resourceVersion } };
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const plural = pluralOf(update.kind);
    try {
      const written: unknown =
        update.namespace === undefined
          ? await this.#api.patchClusterCustomObjectStatus({ group: GATEWAY_API_GROUP, version: VERSION, plural, name: update.name, body }, options)
          : await this.#api.patchNamespacedCustomObjectStatus({ group: GATEWAY_API_GROUP, version: VERSION, namespace: update.namespace, plural, name: update.name, body }, options);
      this.#ownWrites?.record(update.kind, update.namespace, update.name, { before: stored.resourceVersion, after: resourceVersionOf(written), status: update.status });
      return 'written';
    } catch (error) {
      // Deleted since the snapshot: nothing to report on.
      if (httpStatusOf(error) === 404) return 'gone';
      throw describeFailure('patch status of', `${update.kind} ${describeName(update)}`, error);
    }
  }
}

function resourceVersionOf(object: unknown): string | undefined {
  const version = (object as { metadata?: { resourceVersion?: unknown } } | undefined)?.metadata?.resourceVersion;
  return typeof version === 'string' ? version : undefined;
}

/** The resource plural of a kind whose status the translator writes. */
function pluralOf(kind: StatusKind): string {
  if (kind === 'GatewayClass') return 'gatewayclasses';
  if (kind === 'Gateway') return 'gateways';
  if (kind === 'BackendTLSPolicy') return 'backendtlspolicies';
  if (kind === 'ListenerSet') return 'listenersets';
  return ROUTE_KIND_PLURALS[kind];
}

export function describeName(update: { namespace?: string; name: string }): string {
  return update.namespace === undefined ? update.name : `${update.namespace}/${update.name}`;
}
