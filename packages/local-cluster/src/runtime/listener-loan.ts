// The runtime's side of a listener loan: a Service listener (a LoadBalancer port, a NodePort) whose Service has
// one ready endpoint is handed, as a listening socket, to the pod process behind that endpoint, whose own
// server then accepts its connections (pod-borrowed-listeners.ts). The kernel keeps the socket and its queue
// of connections while it changes hands, so neither the loan nor its return loses a connection.
import type { ChildProcess } from 'node:child_process';
import type net from 'node:net';
import { isLoanMessage, LEND_ANSWER, LEND_LISTENER, type LoanMessage, RETURN_ANSWER, RETURN_LISTENER } from './listener-loan-messages.ts';

/** A pod process that may borrow listeners: a container of the pod at `podIP` with the kubelet's IPC channel. */
export interface Borrower {
  podIP: string;
  process: ChildProcess;
}

/** How long a pod has to answer before the runtime gives up on it (it is then treated as gone). */
const ANSWER_TIMEOUT_MS = 2000;
let lastLoanId = 0;

/** Offers `listener` to the borrower's server on pod port `podPort`: the loan's id once accepted, else undefined. */
export async function lendListener(borrower: Borrower, listener: net.Server, podPort: number): Promise<number | undefined> {
  if (!borrower.process.connected) return undefined;
  const id = ++lastLoanId;
  const answer = awaitAnswer(borrower.process, id, LEND_ANSWER);
  const sent = sendTo(borrower.process, { type: LEND_LISTENER, id, port: podPort }, listener);
  const { message } = await Promise.race([answer, sent]);
  return message?.type === LEND_ANSWER && message.accepted ? id : undefined;
}

/** Asks for loan `id` back: the listener, or undefined when the pod no longer has it (gone, or it did not answer). */
export async function takeBackListener(borrower: Borrower, id: number): Promise<net.Server | undefined> {
  if (!borrower.process.connected) return undefined;
  const answer = awaitAnswer(borrower.process, id, RETURN_ANSWER);
  const sent = sendTo(borrower.process, { type: RETURN_LISTENER, id });
  const { handle } = await Promise.race([answer, sent]);
  return isServer(handle) ? handle : undefined;
}

/**
 * Sends with a callback, so that a pod exiting meanwhile (EPIPE, channel closed) fails this send instead of
 * becoming an 'error' event of the child process. Resolves (with no answer) only when the send failed.
 */
function sendTo(child: ChildProcess, message: LoanMessage, handle?: net.Server): Promise<{ message?: LoanMessage; handle?: unknown }> {
  return new Promise((resolve) => {
    try {
      child.send(message, handle, (error) => {
        if (error) resolve({});
      });
    } catch {
      resolve({});
    }
  });
}

function isServer(handle: unknown): handle is net.Server {
  return typeof handle === 'object' && handle !== null && typeof (handle as net.Server).listen === 'function';
}

function awaitAnswer(child: ChildProcess, id: number, type: LoanMessage['type']): Promise<{ message?: LoanMessage; handle?: unknown }> {
  return new Promise((resolve) => {
    const finish = (result: { message?: LoanMessage; handle?: unknown }) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(result);
    };
    const onMessage = (message: unknown, handle: unknown) => {
      if (isLoanMessage(message) && message.id === id && message.type === type) finish({ message, handle });
    };
    const onExit = () => finish({});
    const timer = setTimeout(() => finish({}), ANSWER_TIMEOUT_MS);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
