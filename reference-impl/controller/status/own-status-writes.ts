// The status writes this controller made, by object: what each wrote and the resourceVersion it produced.
// Two uses:
// - Echoes. The watch event of such a write is the controller's own echo: translating the whole cluster again
//   for it finds nothing to do (with 1,000 routes settling that was one more full pass per route). The event
//   still updates the cache; only the extra pass is skipped. Any other change of the object triggers a pass.
// - Reading its own writes. Status writes go on in the background while the next pass runs (status-update-queue.ts),
//   so a pass may see an object as it was before the controller's last write to it. Its status is then compared
//   with, and its patch made against, what that write left: no second write of the same status, and no 409
//   Conflict from a precondition the controller itself made stale.
import type { KubernetesObject } from '@kubernetes/client-node';

/** Forgotten entries (an echo that never came: the object was deleted) are dropped past this many. */
const MAX_REMEMBERED = 20_000;
/** resourceVersions a write chain remembers as superseded by its latest write: the cache lags a few at most. */
const MAX_SUPERSEDED = 8;

interface LastWrite {
  /** The resourceVersion the latest write produced, and the status it wrote. */
  resourceVersion: string;
  status: unknown;
  /** Versions the controller's writes replaced, oldest first: a pass seeing one of them is behind them. */
  superseded: string[];
  /** Versions the controller's writes produced whose watch events have not come yet. */
  unechoed: string[];
}

/** What the object holds after this controller's latest write to it. */
export interface KnownStatus {
  status: unknown;
  resourceVersion: string;
}

export class OwnStatusWrites {
  readonly #written = new Map<string, LastWrite>();

  /** A write made against `before` produced `after`, holding `status`. */
  record(kind: string, namespace: string | undefined, name: string, written: { before?: string | undefined; after: string | undefined; status?: unknown }): void {
    if (written.after === undefined) return;
    if (this.#written.size >= MAX_REMEMBERED) this.#written.clear();
    const key = keyOf(kind, namespace, name);
    const previous = this.#written.get(key);
    // A write made against the previous write's result continues its chain; any other starts a new one.
    const chain = previous !== undefined && previous.resourceVersion === written.before ? previous.superseded : [];
    const superseded = written.before === undefined ? chain : [...chain, written.before].slice(-MAX_SUPERSEDED);
    const unechoed = [...(previous?.unechoed ?? []), written.after].slice(-MAX_SUPERSEDED);
    this.#written.set(key, { resourceVersion: written.after, status: written.status, superseded, unechoed });
  }

  /** True (once) when `object` is exactly what one of this controller's recent status writes produced. */
  isEcho(object: KubernetesObject): boolean {
    const { kind, metadata } = object;
    if (!kind || !metadata?.name || !metadata.resourceVersion) return false;
    const entry = this.#written.get(keyOf(kind, metadata.namespace, metadata.name));
    const at = entry?.unechoed.indexOf(metadata.resourceVersion) ?? -1;
    if (entry === undefined || at < 0) return false;
    entry.unechoed.splice(at, 1);
    return true;
  }

  /** The status this controller's writes left, when `seenVersion` is one they replaced (the pass saw an older object). */
  newerThan(kind: string, namespace: string | undefined, name: string, seenVersion: string | undefined): KnownStatus | undefined {
    if (seenVersion === undefined) return undefined;
    const entry = this.#written.get(keyOf(kind, namespace, name));
    if (entry === undefined || !entry.superseded.includes(seenVersion)) return undefined;
    return { status: entry.status, resourceVersion: entry.resourceVersion };
  }
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
