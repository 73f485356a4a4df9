// Which Service listeners are lent to a pod (listener-loan.ts): a TCP listener of a Service port with exactly
// one ready endpoint goes to that endpoint's pod, whose own server then accepts its connections, as the
// kernel's address translation would deliver them behind kube-proxy: no copy, no extra hop. With none or
// several ready endpoints (or a pod that declines: nothing listens on that port yet) the forwarder keeps the
// listener and spreads connections round robin. Re-run whenever the Service or its EndpointSlices change.
import type { Borrower } from './listener-loan.ts';
import type { ServiceForwarders } from './service-forwarders.ts';
import type { WantedListener } from './service-listeners.ts';
import type { ForwardTarget } from './tcp-forwarder.ts';
import { TcpForwarder } from './tcp-forwarder.ts';

export interface LoanContext {
  /** The Service port's one ready endpoint (the port the pod serves), if it has exactly one. */
  loneEndpoint: (listener: WantedListener) => ForwardTarget | undefined;
  borrowersAt: (podIP: string) => Borrower[];
}

/** Lends or takes back each TCP listener of `service`; false when a wanted loan was declined (try again later). */
export async function balanceListenerLoans(service: ServiceForwarders, listeners: readonly WantedListener[], context: LoanContext): Promise<boolean> {
  let settled = true;
  for (const listener of listeners) {
    const forwarder = service.forwarders.get(listener.key);
    if (!(forwarder instanceof TcpForwarder)) continue;
    const endpoint = context.loneEndpoint(listener);
    const borrowers = endpoint ? context.borrowersAt(endpoint.host) : [];
    const current = forwarder.lentTo;
    if (current !== undefined && current === endpoint?.host && borrowers.length > 0) continue;
    if (current !== undefined) await forwarder.takeBack();
    if (!endpoint || borrowers.length === 0) continue;
    let lent = false;
    for (const borrower of borrowers) {
      lent = await forwarder.lend(borrower, endpoint.port);
      if (lent) break;
    }
    settled &&= lent;
  }
  return settled;
}
