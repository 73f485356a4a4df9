// Runs one `websocket:` request case: the upgrade must be answered as expected (101 unless the scenario
// says otherwise) and every message must come back unchanged, 3 times in a row, each on a new connection.
import type { RequestCase, SentRequestOf } from '../scenario/scenario-types.ts';
import { type Attempt, awaitConsistent, type ExpectationOutcome } from './await-expectation.ts';
import { checkTiming } from './check-timing.ts';
import { checkResponse } from './expectation.ts';
import type { CaseDependencies } from './http-case.ts';
import type { ProbeTarget } from './send-request.ts';
import { exchangeMessages } from './websocket/exchange-messages.ts';

export async function runWebSocketCase(target: ProbeTarget, requestCase: RequestCase<SentRequestOf<'websocket'>>, deps: CaseDependencies): Promise<ExpectationOutcome> {
  const { expect } = requestCase;
  const attempt = async (): Promise<Attempt> => {
    try {
      const exchange = await exchangeMessages(target, requestCase.request);
      const response = { status: exchange.status, headers: exchange.headers, body: '', elapsedMs: exchange.elapsedMs };
      const mismatches = [...checkResponse(expect.response, response), ...exchange.echoMismatches, ...(expect.timing ? checkTiming(expect.timing, exchange.elapsedMs) : [])];
      return { response, mismatches };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { mismatches: [{ field: 'connection', expected: 'a WebSocket answer', actual: reason, text: `connection: expected a WebSocket answer, got ${reason}` }] };
    }
  };
  return awaitConsistent(attempt, { timeoutMs: deps.trafficMs });
}
