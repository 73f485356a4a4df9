// A port's route attachments indexed by hostname, so that finding the routes that may serve one virtual host
// does not scan every attachment: with 1,000 routes of one hostname each, the scan was a million hostname
// comparisons per translation, the largest share of a translation's time. Exact hostnames are looked up;
// wildcard hostnames (and routes without hostnames, `*`) stay candidates of every host, for the caller's
// `covers` check. Candidates come in the order a full scan would visit them (attachment, then its hostname).
import type { AttachedRoute } from './gateway-ir-builder.ts';

export interface HostnameCandidate {
  attachment: AttachedRoute;
  routeHostname: string;
  /** The position a full scan would visit it at. */
  order: number;
}

export class AttachmentsByHostname {
  readonly #exact = new Map<string, HostnameCandidate[]>();
  readonly #wildcards: HostnameCandidate[] = [];

  constructor(attachments: readonly AttachedRoute[]) {
    let order = 0;
    for (const attachment of attachments) {
      for (const routeHostname of attachment.hostnames) {
        const candidate = { attachment, routeHostname, order: order++ };
        if (routeHostname === '*' || routeHostname.startsWith('*.')) {
          this.#wildcards.push(candidate);
          continue;
        }
        const list = this.#exact.get(routeHostname);
        if (list) list.push(candidate);
        else this.#exact.set(routeHostname, [candidate]);
      }
    }
  }

  /** Every attachment hostname that may cover `hostname`: equal to it, or a wildcard; in scan order. */
  candidates(hostname: string): HostnameCandidate[] {
    const exact = this.#exact.get(hostname) ?? [];
    if (this.#wildcards.length === 0) return exact;
    if (exact.length === 0) return this.#wildcards;
    return [...exact, ...this.#wildcards].sort((a, b) => a.order - b.order);
  }
}
