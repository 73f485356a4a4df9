// The status writes this controller made, by object and the resourceVersion each write produced. The watch
// event of such a write is the controller's own echo: translating the whole cluster again for it finds
// nothing to do, and with 1,000 routes settling that was one more full pass per route (every pass also
// delays the next real change). The event still updates the cache; only the extra pass is skipped. Any
// other change of the object (another resourceVersion) triggers a pass as before.
import type { KubernetesObject } from '@kubernetes/client-node';

/** Forgotten entries (an echo that never came: the object was deleted) are dropped past this many. */
const MAX_REMEMBERED = 20_000;

export class OwnStatusWrites {
  readonly #written = new Map<string, string>();

  record(kind: string, namespace: string | undefined, name: string, resourceVersion: string | undefined): void {
    if (resourceVersion === undefined) return;
    if (this.#written.size >= MAX_REMEMBERED) this.#written.clear();
    this.#written.set(keyOf(kind, namespace, name), resourceVersion);
  }

  /** True (once) when `object` is exactly what one of this controller's status writes produced. */
  isEcho(object: KubernetesObject): boolean {
    const { kind, metadata } = object;
    if (!kind || !metadata?.name || !metadata.resourceVersion) return false;
    const key = keyOf(kind, metadata.namespace, metadata.name);
    if (this.#written.get(key) !== metadata.resourceVersion) return false;
    this.#written.delete(key);
    return true;
  }
}

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
