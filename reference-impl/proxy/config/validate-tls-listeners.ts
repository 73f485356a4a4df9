// Checks the TLS listeners of a port in a config message: at least one, each with a hostname, a listener name,
// a mode (certificates of PEM text exactly when it terminates) and routes, each with a hostname, the route's
// name and weighted stream backends (a service with endpoints, or an invalid one with its reason).

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;

export function checkTlsListeners(where: string, listeners: unknown, problems: string[]): void {
  if (!Array.isArray(listeners) || listeners.length === 0) {
    problems.push(`${where} must be a list of at least one TLS listener`);
    return;
  }
  listeners.forEach((listener: unknown, i) => {
    const lwhere = `${where}[${i}]`;
    if (!isObject(listener) || !isText(listener.hostname) || !isText(listener.listener) || !Array.isArray(listener.routes)) {
      problems.push(`${lwhere} must have a hostname, a listener and routes`);
      return;
    }
    if (listener.mode === 'Terminate') {
      const certificates = listener.certificates;
      if (!Array.isArray(certificates) || certificates.length === 0 || !certificates.every((c: unknown) => isObject(c) && isText(c.name) && isText(c.certificateChain) && isText(c.privateKey))) {
        problems.push(`${lwhere}.certificates must be at least one {name, certificateChain, privateKey} (PEM text) in Terminate mode`);
      }
    } else if (listener.mode === 'Passthrough') {
      if (listener.certificates !== undefined) problems.push(`${lwhere}.certificates must be absent in Passthrough mode`);
    } else problems.push(`${lwhere}.mode must be Passthrough or Terminate`);
    listener.routes.forEach((route: unknown, j) => {
      checkRoute(`${lwhere}.routes[${j}]`, route, problems);
    });
  });
}

function checkRoute(where: string, route: unknown, problems: string[]): void {
  if (!isObject(route) || !isText(route.hostname) || !isText(route.route) || !Array.isArray(route.backends)) {
    problems.push(`${where} must have a hostname, a route and backends`);
    return;
  }
  checkStreamBackends(`${where}.backends`, route.backends, problems);
}

/** Weighted stream backends, shared with TCP and UDP listeners (validate-stream-listeners.ts). */
export function checkStreamBackends(where: string, backends: unknown[], problems: string[]): void {
  backends.forEach((backend: unknown, k) => {
    const bwhere = `${where}[${k}]`;
    if (!isObject(backend) || !isText(backend.name) || typeof backend.weight !== 'number') {
      problems.push(`${bwhere} must have a name and a numeric weight`);
    } else if (backend.kind === 'service') {
      const endpoints = backend.endpoints;
      if (!Array.isArray(endpoints) || !endpoints.every((e: unknown) => isObject(e) && isText(e.address) && isPort(e.port))) problems.push(`${bwhere}.endpoints must be a list of {address, port}`);
    } else if (backend.kind !== 'invalid' || !isText(backend.reason)) problems.push(`${bwhere} must be kind service (with endpoints) or invalid (with a reason)`);
  });
}
