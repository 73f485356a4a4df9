// Keeps the proxy's UDP ports equal to the IR's `udpListeners`: opens new ports, closes removed ones (their
// flows with them) and gives the ports that stay their new listener. A port that cannot be bound is retried
// in the background every `bindRetryMs` for as long as the IR wants it; until then the proxy is not ready.

import type { UdpListenerIR } from '../../ir/gateway-ir.ts';
import type { ProxyListenError } from './port-server.ts';
import type { UdpFlowOptions } from './udp-flows.ts';
import { UdpPort } from './udp-port.ts';

export interface UdpListenerSetOptions {
  host: string;
  flows: UdpFlowOptions;
  reusePort?: boolean;
  bindRetryMs?: number;
  onBindRetry?: (port: number, error: ProxyListenError | undefined) => void;
}

export class UdpListenerSet {
  readonly #options: UdpListenerSetOptions;
  readonly #ports = new Map<number, UdpPort>();
  #retryTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: UdpListenerSetOptions) {
    this.#options = options;
  }

  get allBound(): boolean {
    return !this.#closed && [...this.#ports.values()].every((port) => port.bound);
  }

  ports(): number[] {
    return [...this.#ports.values()]
      .filter((port) => port.bound)
      .map((port) => port.port)
      .sort((a, b) => a - b);
  }

  async reconcile(listeners: readonly UdpListenerIR[]): Promise<{ opened: number[]; closed: number[]; failed: ProxyListenError[] }> {
    const result = { opened: [] as number[], closed: [] as number[], failed: [] as ProxyListenError[] };
    const wanted = new Set(listeners.map((listener) => listener.port));
    for (const [number, port] of this.#ports) {
      if (wanted.has(number)) continue;
      this.#ports.delete(number);
      result.closed.push(number);
      await port.close();
    }
    for (const listener of listeners) {
      let port = this.#ports.get(listener.port);
      if (port === undefined) {
        port = new UdpPort(this.#options.host, listener, this.#options.flows, this.#options.reusePort);
        this.#ports.set(listener.port, port);
      } else port.listener = listener;
      if (port.bound) continue;
      await port.listen().then(
        () => void result.opened.push(listener.port),
        (error: ProxyListenError) => void result.failed.push(error),
      );
    }
    if (result.failed.length > 0) this.#scheduleRetry();
    return result;
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(async () => {
      this.#retryTimer = undefined;
      let failing = false;
      for (const port of [...this.#ports.values()].filter((candidate) => !candidate.bound)) {
        const error = await port.listen().then(
          () => undefined,
          (failure: ProxyListenError) => failure,
        );
        failing ||= error !== undefined;
        this.#options.onBindRetry?.(port.port, error);
      }
      if (failing) this.#scheduleRetry();
    }, this.#options.bindRetryMs ?? 500);
  }

  async closeAll(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const ports = [...this.#ports.values()];
    this.#ports.clear();
    await Promise.all(ports.map((port) => port.close()));
  }
}
