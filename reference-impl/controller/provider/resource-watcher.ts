// One informer kept alive: client-node's informer relists by itself on 410 Gone but stops on any
// other error, so this restarts it with backoff and tracks whether its cache holds a full list.
import { type KubeConfig, type KubernetesObject, makeInformer } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Backoff } from '../../net/backoff.ts';
import type { WatchedResource } from './watched-resources.ts';

export class ResourceWatcher {
  readonly resource: WatchedResource;
  readonly #informer: ReturnType<typeof makeInformer<KubernetesObject>>;
  readonly #log: Logger;
  readonly #onChange: (object?: KubernetesObject) => void;
  readonly #backoff = new Backoff();
  #synced = false;
  #stopped = false;
  #failedSinceStart = false;
  #restartTimer: NodeJS.Timeout | undefined;

  /** `onChange` gets the changed object, or nothing when a whole list arrived. */
  constructor(config: KubeConfig, resource: WatchedResource, onChange: (object?: KubernetesObject) => void, log: Logger) {
    this.resource = resource;
    this.#onChange = onChange;
    this.#log = log.child({ resource: resource.name });
    this.#informer = makeInformer(config, resource.path, resource.list, resource.labelSelector);
    this.#informer.on('change', (object: KubernetesObject) => onChange(object));
    this.#informer.on('error', (error: unknown) => this.#onError(error));
  }

  /** True once a list has succeeded (the cache may then be stale but is complete). */
  get synced(): boolean {
    return this.#synced;
  }

  list(): readonly KubernetesObject[] {
    return this.#informer.list();
  }

  async start(): Promise<void> {
    if (this.#stopped) return;
    this.#failedSinceStart = false;
    try {
      await this.#informer.start();
    } catch (error) {
      // A watch that cannot even connect rejects here without calling the error callback.
      this.#onError(error);
      return;
    }
    if (!this.#failedSinceStart && !this.#stopped) {
      if (!this.#synced) this.#log.info(`watching ${this.resource.description}`);
      this.#synced = true;
      this.#backoff.reset();
      // An empty list fires no events, yet completing a list may be what the controller waited for.
      this.#onChange();
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#restartTimer);
    await this.#informer.stop();
  }

  #onError(error: unknown): void {
    this.#failedSinceStart = true;
    if (this.#stopped) return;
    const delay = this.#backoff.next();
    const reason = error instanceof Error ? error.message : String(error);
    this.#log.warn(`list/watch of ${this.resource.description} failed (${reason}); retrying in ${delay} ms — is the API server reachable and are the Gateway API CRDs installed?`);
    clearTimeout(this.#restartTimer);
    this.#restartTimer = setTimeout(() => {
      void this.start();
    }, delay);
  }
}
