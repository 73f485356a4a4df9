// One readiness check against a container, as kubelet does it: httpGet succeeds on a 200-399 answer
// (HTTPS without certificate verification), tcpSocket on an accepted connection. Bounded by timeoutSeconds.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { ContainerPort, IntOrString, Probe } from './kube-shapes.ts';
import { probeTimeoutMs } from './probe-schedule.ts';

/** A named port resolves through the container's ports; undefined when it names none. */
export function resolveProbePort(port: IntOrString, ports: readonly ContainerPort[] = []): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return ports.find((p) => p.name === port)?.containerPort;
}

/** `hostPortOf` says where this host reaches a port of an address (a mapped pod port, see pod-port-mapping.ts). */
export function checkProbe(
  probe: Probe,
  podIP: string,
  ports: readonly ContainerPort[] | undefined,
  hostPortOf: (host: string, port: number) => number = (_host, port) => port,
): Promise<boolean> {
  const timeoutMs = probeTimeoutMs(probe);
  if (probe.httpGet) {
    const port = resolveProbePort(probe.httpGet.port, ports);
    if (port === undefined) return Promise.resolve(false);
    const headers = Object.fromEntries((probe.httpGet.httpHeaders ?? []).map((h) => [h.name, h.value]));
    const host = probe.httpGet.host || podIP;
    return checkHttp(probe.httpGet.scheme === 'HTTPS', host, hostPortOf(host, port), probe.httpGet.path ?? '/', headers, timeoutMs);
  }
  if (probe.tcpSocket) {
    const port = resolveProbePort(probe.tcpSocket.port, ports);
    if (port === undefined) return Promise.resolve(false);
    const host = probe.tcpSocket.host || podIP;
    return checkTcp(host, hostPortOf(host, port), timeoutMs);
  }
  return Promise.resolve(true); // exec and grpc probes are not run locally: treated as passing
}

function checkHttp(
  secure: boolean,
  host: string,
  port: number,
  path: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const options = { host, port, path, method: 'GET', headers: { 'user-agent': 'kube-probe/1.32', ...headers }, timeout: timeoutMs, agent: false };
    const request = secure
      ? https.request({ ...options, rejectUnauthorized: false })
      : http.request(options);
    request.on('response', (response) => {
      response.resume();
      const code = response.statusCode ?? 0;
      resolve(code >= 200 && code < 400);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

function checkTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}
