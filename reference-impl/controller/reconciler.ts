// One reconciliation pass: snapshot -> translate -> publish IR, hand the desired statuses to the background
// writer, converge proxy infrastructure. Failures of single writes are logged and counted; the caller retries.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { IrRegistry } from './config-server/ir-registry.ts';
import { applyDeviation, type Deviation } from './deviation.ts';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './infra/infra-names.ts';
import type { ManagedObjects, ReconcileReport } from './infra/infra-provisioner.ts';
import type { ResourceName } from './provider/watched-resources.ts';
import { StatusUpdateQueue } from './status/status-update-queue.ts';
import { describeName, type StatusWriteOutcome, type StoredStatus } from './status/status-writer.ts';
import { ROUTE_KINDS } from './translator/route-kinds.ts';
import type { ClusterSnapshot } from './translator/snapshot.ts';
import { translate } from './translator/translate.ts';
import { TranslationMemo } from './translator/translation-memo.ts';
import type { InfraIntent, StatusUpdate } from './translator/translation-result.ts';

export interface ReconcilerDependencies {
  controllerName: string;
  /** A deliberate deviation from the specification (DEVIATE); absent: none. */
  deviation?: Deviation;
  cache: {
    allSynced(): boolean;
    notSynced(): string[];
    snapshot(now: Date): ClusterSnapshot;
    list(name: ResourceName): readonly KubernetesObject[];
  };
  statusWriter: { write(update: StatusUpdate, storedStatus: StoredStatus): Promise<StatusWriteOutcome> };
  /** A status write of an earlier pass failed: the caller schedules another pass (with backoff). */
  onStatusWriteFailed?: () => void;
  provisioner: { reconcile(intents: InfraIntent[], observed: ManagedObjects): Promise<ReconcileReport> };
  registry: IrRegistry;
  log: Logger;
  clock: () => Date;
}

export interface PassOutcome {
  /** False when the caches were not complete yet and nothing was done. */
  ran: boolean;
  errors: number;
}

export class Reconciler {
  readonly #deps: ReconcilerDependencies;
  /** What passes compiled, reused by the next while its inputs are the same objects. */
  readonly #memo = new TranslationMemo();
  /** Status writes go on while the next pass runs: a change applied meanwhile does not wait for them. */
  readonly #statuses: StatusUpdateQueue;
  #ready = false;

  constructor(deps: ReconcilerDependencies) {
    this.#deps = deps;
    this.#statuses = new StatusUpdateQueue({
      writer: deps.statusWriter,
      concurrency: STATUS_WRITES_IN_FLIGHT,
      onWritten: (update) => deps.log.info({ kind: update.kind, object: describeName(update) }, 'status updated'),
      onFailed: (_update, error) => {
        deps.log.warn({ err: error }, error instanceof Error ? error.message : String(error));
        deps.onStatusWriteFailed?.();
      },
    });
  }

  /** Resolves once every status handed over so far has been written (or found unchanged, or has failed). */
  statusWritesDone(): Promise<void> {
    return this.#statuses.idle();
  }

  /** True after the first pass over complete caches (the config server's /readyz). */
  get ready(): boolean {
    return this.#ready;
  }

  async reconcileOnce(): Promise<PassOutcome> {
    const { cache, log } = this.#deps;
    if (!cache.allSynced()) {
      log.debug({ waitingFor: cache.notSynced() }, 'waiting for the first list of every watched kind');
      return { ran: false, errors: 0 };
    }
    const started = performance.now();
    const snapshot = cache.snapshot(this.#deps.clock());
    const snapshotted = performance.now();
    const result = translate(snapshot, { controllerName: this.#deps.controllerName, memo: this.#memo });
    const translated = performance.now();
    const changedIrs = this.#deps.registry.update(applyDeviation(result.gateways, this.#deps.deviation));
    // Where a pass's time goes, for whoever profiles propagation delays (harness/load/README.md).
    const timings = { snapshotMs: elapsed(started, snapshotted), translateMs: elapsed(snapshotted, translated), publishMs: elapsed(translated, performance.now()), routes: this.#memo.takeCounts() };
    if (changedIrs.length > 0) log.info({ gateways: changedIrs, ...timings }, 'published new gateway configuration');
    const stored = storedStatuses(snapshot);
    this.#statuses.submit(result.statuses.map((update) => ({ update, stored: stored.get(statusKey(update)) ?? { status: undefined } })));
    const errors = await this.#convergeInfra(result.infra);
    // A lone change leaves a few writes and returns at once; a burst waits here until its backlog is written,
    // gathering the next changes meanwhile, rather than translating again while thousands of statuses wait.
    await this.#statuses.waitingAtMost(STATUS_BACKLOG);
    if (!this.#ready) log.info({ gateways: result.gateways.size, statuses: result.statuses.length }, 'first full sync done; ready');
    this.#ready = true;
    return { ran: true, errors };
  }

  async #convergeInfra(intents: InfraIntent[]): Promise<number> {
    const { cache, log } = this.#deps;
    const services = cache.list('services').filter((service) => service.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE);
    const report = await this.#deps.provisioner.reconcile(intents, { deployments: cache.list('proxyDeployments'), services });
    for (const change of report.changes) log.info(change, `proxy ${change.kind} ${change.namespace}/${change.name} ${change.action}`);
    for (const error of report.errors) log.warn({ err: error }, error.message);
    return report.errors.length;
  }
}

/** A few writes in flight at once: one at a time, 1,000 routes settling waited 1,000 round trips in a row. */
const STATUS_WRITES_IN_FLIGHT = 8;
/** Statuses left waiting when a pass ends: a few lanes' worth. */
const STATUS_BACKLOG = 64;

function elapsed(from: number, to: number): number {
  return Math.round((to - from) * 10) / 10;
}

function statusKey(object: { kind: string; namespace?: string; name: string }): string {
  return `${object.kind}/${object.namespace ?? ''}/${object.name}`;
}

function storedStatuses(snapshot: ClusterSnapshot): Map<string, StoredStatus> {
  const stored = new Map<string, StoredStatus>();
  const add = (kind: string, objects: readonly { metadata: { namespace?: string; name: string; resourceVersion?: string }; status?: unknown }[]) => {
    for (const object of objects) stored.set(statusKey({ kind, ...object.metadata }), { status: object.status, resourceVersion: object.metadata.resourceVersion });
  };
  add('GatewayClass', snapshot.gatewayClasses);
  add('Gateway', snapshot.gateways);
  for (const routeKind of ROUTE_KINDS) add(routeKind.kind, routeKind.routesOf(snapshot));
  add('BackendTLSPolicy', snapshot.backendTlsPolicies);
  return stored;
}
