// The messages of a listener loan (listener-loan.ts, pod-borrowed-listeners.ts), shared by the runtime and the
// pod sandbox: they travel over the IPC channel every pod process has to the kubelet, the listening socket
// itself travels with them as a handle. Each carries an id so an answer is never taken for another's.
export const LEND_LISTENER = 'local-cluster:lend-listener';
export const LEND_ANSWER = 'local-cluster:lend-answer';
export const RETURN_LISTENER = 'local-cluster:return-listener';
export const RETURN_ANSWER = 'local-cluster:return-answer';

/** Runtime -> pod, with the listening socket: serve its connections with your server on pod port `port`. */
export interface LendListener {
  type: typeof LEND_LISTENER;
  id: number;
  port: number;
}

/** Pod -> runtime: whether a server of the pod took the loan (it had none listening on that port otherwise). */
export interface LendAnswer {
  type: typeof LEND_ANSWER;
  id: number;
  accepted: boolean;
}

/** Runtime -> pod: give back the listener of loan `id`. */
export interface ReturnListener {
  type: typeof RETURN_LISTENER;
  id: number;
}

/** Pod -> runtime, with the listening socket when the pod still had it. */
export interface ReturnAnswer {
  type: typeof RETURN_ANSWER;
  id: number;
}

export type LoanMessage = LendListener | LendAnswer | ReturnListener | ReturnAnswer;

export function isLoanMessage(value: unknown): value is LoanMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return typeof id === 'number' && (type === LEND_LISTENER || type === LEND_ANSWER || type === RETURN_LISTENER || type === RETURN_ANSWER);
}
