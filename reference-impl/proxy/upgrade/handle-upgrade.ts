// WebSocket upgrade requests (Node hands them over without a ServerResponse): routed like any
// request, the rule's and the chosen backend's filters applied to the upgrade request (a redirect
// or a failed rule answers as usual), then tunnelled to the backend, whether its protocol is
// `websocket` or plain `http`. Mirrors are not sent for upgrades: a copy of a tunnel has no meaning.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BackendTlsIR, TlsCertificateIR } from '../../ir/gateway-ir.ts';
import type { ProxyStats } from '../admin/proxy-stats.ts';
import type { BackendChooser, Endpoint } from '../backend/choose-backend.ts';
import { clientRouteRequestOf } from '../client-route-request.ts';
import { type ChainContext, decorateAnswer, type FilterAnswer, type OutgoingRequest, runRequestSteps } from '../filters/apply-chain.ts';
import { EMPTY_CHAIN, type FilterChain } from '../filters/filter-chain.ts';
import { outgoingRequestOf } from '../handle-filtered-request.ts';
import type { Router } from '../router/compile-router.ts';
import { MISDIRECTED_MESSAGE } from '../router/misdirected-request.ts';
import type { ForwardedTrust } from '../upstream/forwarded-trust.ts';
import { transportOf } from '../upstream/upstream-attempt.ts';
import type { UpstreamErrorLog } from '../upstream/upstream-error-log.ts';
import { rawHead, writeRawAnswer } from './raw-answer.ts';
import { openUpgradeTunnel } from './upgrade-tunnel.ts';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, router: Router) => void;

export interface UpgradeHandlerDeps {
  chooser: BackendChooser;
  stats: ProxyStats;
  upstreamErrors: Pick<UpstreamErrorLog, 'report'>;
  connectTimeoutMs: number;
  /** Wait for the upstream's answer when the rule sets no timeout. */
  headersTimeoutMs: number;
  /** The Gateway's certificate for backends spoken to over TLS, as of now. */
  backendClientCertificate: () => TlsCertificateIR | undefined;
  /** Clients whose own X-Forwarded-* headers are kept and extended; default nobody. */
  forwardedTrust?: ForwardedTrust;
}

/** Where an upgrade goes once routing and filters are done; undefined means it was answered already. */
interface UpgradeTarget {
  ruleId: string;
  endpoint: Endpoint;
  tls: BackendTlsIR | undefined;
  outgoing: OutgoingRequest;
  chains: FilterChain[];
  timeoutsMs: number[];
}

export function createUpgradeHandler(deps: UpgradeHandlerDeps): UpgradeHandler {
  const { chooser, stats, upstreamErrors } = deps;

  function answer(socket: Duplex, status: number, message: string): undefined {
    writeRawAnswer(socket, status, [], message);
    stats.record(status);
    return undefined;
  }

  function filterAnswer(req: IncomingMessage, socket: Duplex, filtered: FilterAnswer, chains: FilterChain[]): undefined {
    let headers = filtered.headers;
    for (const chain of chains) headers = decorateAnswer(headers, chain, req.headers.origin, false);
    socket.end(rawHead(filtered.status, undefined, [...headers, 'connection', 'close']));
    stats.record(filtered.status);
    return undefined;
  }

  function resolve(req: IncomingMessage, socket: Duplex, router: Router): UpgradeTarget | undefined {
    const route = clientRouteRequestOf(req);
    if (route === undefined) return answer(socket, 400, 'request target must be a path (/...) or an absolute http(s) URL');
    const decision = router.route(route);
    if (decision.kind === 'no-route') return answer(socket, 404, 'no route matches this request');
    if (decision.kind === 'misdirected') return answer(socket, 421, MISDIRECTED_MESSAGE);
    const { rule, plan } = decision;
    if (plan.kind === 'failure') return answer(socket, 500, plan.reason);
    const outgoing = outgoingRequestOf(req, route, deps.forwardedTrust);
    const context: ChainContext = { random: chooser.random, preflight: undefined, mirrors: [] };
    const ruleChain = plan.kind === 'full' ? plan.chain : EMPTY_CHAIN;
    const ruleAnswer = runRequestSteps(ruleChain, outgoing, context);
    if (ruleAnswer !== undefined) return filterAnswer(req, socket, ruleAnswer, [ruleChain]);
    const choice = chooser.choose(rule.backends);
    if (choice.kind === 'error') return answer(socket, choice.status, `${choice.reason} (rule ${rule.id})`);
    if (transportOf(choice.backend.protocol) === 'h2c') {
      return answer(socket, 502, `backend ${choice.backend.name} speaks HTTP/2 (${choice.backend.protocol}); a WebSocket upgrade needs an HTTP/1.1 backend`);
    }
    const backendChain = (plan.kind === 'full' ? plan.backendChains.get(choice.backend) : undefined) ?? EMPTY_CHAIN;
    if ('failure' in backendChain) return answer(socket, 500, backendChain.failure);
    const backendAnswer = runRequestSteps(backendChain, outgoing, context);
    if (backendAnswer !== undefined) return filterAnswer(req, socket, backendAnswer, [backendChain, ruleChain]);
    const timeoutsMs = plan.kind === 'full' ? [plan.requestMs, plan.backendRequestMs].filter((ms) => ms !== undefined) : [];
    return { ruleId: rule.id, endpoint: choice.endpoint, tls: choice.backend.tls, outgoing, chains: [backendChain, ruleChain], timeoutsMs };
  }

  return (req, socket, head, router) => {
    socket.on('error', () => socket.destroy());
    const target = resolve(req, socket, router);
    if (target === undefined) return;
    const { outgoing, chains, ruleId } = target;
    const origin = req.headers.origin;
    openUpgradeTunnel(
      socket,
      {
        endpoint: target.endpoint,
        tls: target.tls === undefined ? undefined : { tls: target.tls, clientCertificate: deps.backendClientCertificate() },
        method: outgoing.method,
        target: outgoing.path + outgoing.query,
        headers: outgoing.headers,
        upgrade: req.headers.upgrade ?? 'websocket',
        head,
        decorate: (headers) => chains.reduce((out, chain) => decorateAnswer(out, chain, origin, false), headers),
        answerTimeoutMs: target.timeoutsMs.length > 0 ? Math.min(...target.timeoutsMs) : deps.headersTimeoutMs,
        connectTimeoutMs: deps.connectTimeoutMs,
      },
      (status, error, upstream) => {
        stats.record(status);
        if (error !== undefined) upstreamErrors.report({ ruleId, upstream, status, error });
      },
    );
  };
}
