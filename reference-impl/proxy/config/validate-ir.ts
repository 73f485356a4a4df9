// Checks a config stream message's shape before anything acts on it: a malformed IR is refused with a
// message naming where it is wrong, and the proxy keeps serving its last good IR.

import { type ConfigStreamDelta, type ConfigStreamMessage, type GatewayIR, IR_SCHEMA_VERSION } from '../../ir/gateway-ir.ts';
import { checkFilters, checkRuleBehaviour } from './validate-filters.ts';
import { checkUdpListeners } from './validate-stream-listeners.ts';
import { checkBackendTls, checkCertificate, checkPortProtocol } from './validate-tls.ts';

export class InvalidConfigMessageError extends Error {
  readonly code: 'PROXY_IR_SCHEMA_VERSION' | 'PROXY_IR_INVALID';
  constructor(code: 'PROXY_IR_SCHEMA_VERSION' | 'PROXY_IR_INVALID', message: string) {
    super(message);
    this.name = 'InvalidConfigMessageError';
    this.code = code;
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;

function checkStringMatches(where: string, value: unknown, types: readonly string[], problems: string[]): void {
  if (!Array.isArray(value)) {
    problems.push(`${where} must be a list`);
    return;
  }
  value.forEach((m: unknown, i) => {
    if (!isObject(m) || !types.includes(m.type as string) || !isString(m.name) || !isString(m.value)) {
      problems.push(`${where}[${i}] must be {type: ${types.join('|')}, name, value}`);
    }
  });
}

const PROTOCOLS = ['http', 'h2c', 'h2', 'websocket'];

function checkBackend(where: string, b: unknown, problems: string[]): void {
  if (!isObject(b) || !isString(b.name) || typeof b.weight !== 'number') {
    problems.push(`${where} must have a name and a numeric weight`);
    return;
  }
  if (b.kind === 'invalid') return;
  if (b.kind !== 'service' || !Array.isArray(b.endpoints)) {
    problems.push(`${where} must be kind service (with endpoints) or invalid`);
    return;
  }
  b.endpoints.forEach((e: unknown, i) => {
    if (!isObject(e) || !isString(e.address) || !isPort(e.port)) problems.push(`${where}.endpoints[${i}] must be {address, port}`);
  });
  if (!PROTOCOLS.includes(b.protocol as string)) problems.push(`${where}.protocol must be one of ${PROTOCOLS.join(', ')}`);
  checkBackendTls(where, b, problems);
  checkFilters(`${where}.filters`, b.filters, problems, checkBackend);
}

function checkRule(where: string, rule: unknown, problems: string[]): void {
  if (!isObject(rule) || !isString(rule.id) || !isObject(rule.match) || !Array.isArray(rule.backends)) {
    problems.push(`${where} must have id, match and backends`);
    return;
  }
  const match = rule.match;
  const path = match.path;
  if (!isObject(path) || !['Exact', 'PathPrefix', 'RegularExpression'].includes(path.type as string) || !isString(path.value)) {
    problems.push(`${where}.match.path must be {type: Exact|PathPrefix|RegularExpression, value}`);
  }
  checkStringMatches(`${where}.match.headers`, match.headers, ['Exact', 'RegularExpression'], problems);
  checkStringMatches(`${where}.match.queryParams`, match.queryParams, ['Exact', 'RegularExpression'], problems);
  if (match.method !== undefined && !isString(match.method)) problems.push(`${where}.match.method must be a string`);
  rule.backends.forEach((b: unknown, i) => {
    checkBackend(`${where}.backends[${i}]`, b, problems);
  });
  checkFilters(`${where}.filters`, rule.filters, problems, checkBackend);
  checkRuleBehaviour(where, rule, problems);
}

function checkListeners(listeners: unknown, problems: string[]): void {
  if (!Array.isArray(listeners)) {
    problems.push('ir.listeners must be a list');
    return;
  }
  listeners.forEach((l: unknown, i) => {
    const where = `ir.listeners[${i}]`;
    if (!isObject(l) || !isPort(l.port) || !Array.isArray(l.virtualHosts)) {
      problems.push(`${where} must have a port (0-65535) and virtualHosts`);
      return;
    }
    checkPortProtocol(where, l, problems);
    l.virtualHosts.forEach((v: unknown, j) => {
      checkVirtualHost(`${where}.virtualHosts[${j}]`, v, problems);
    });
  });
}

function checkVirtualHost(where: string, v: unknown, problems: string[]): void {
  if (!isObject(v) || !isString(v.hostname) || !Array.isArray(v.rules)) {
    problems.push(`${where} must have a hostname and rules`);
    return;
  }
  v.rules.forEach((r: unknown, k) => {
    checkRule(`${where}.rules[${k}]`, r, problems);
  });
}

/** Parses one stream line holding a whole IR; throws InvalidConfigMessageError (or SyntaxError for bad JSON). */
export function parseConfigMessage(line: string): ConfigStreamMessage {
  const parsed = parseConfigLine(line);
  if ('baseVersion' in parsed) throw new InvalidConfigMessageError('PROXY_IR_INVALID', `config message version ${parsed.version}: a delta where a whole IR was expected`);
  return parsed;
}

/** Parses one stream line, a whole IR or a delta (ConfigStreamDelta); throws as parseConfigMessage does. */
export function parseConfigLine(line: string): ConfigStreamMessage | ConfigStreamDelta {
  const value: unknown = JSON.parse(line);
  if (!isObject(value) || !Number.isFinite(value.version)) {
    throw new InvalidConfigMessageError('PROXY_IR_INVALID', 'config message must be {version: number, ir: GatewayIR | null} or a delta {version, baseVersion, frame, hosts}');
  }
  const version = value.version as number;
  if (value.baseVersion !== undefined) return checkDelta(version, value);
  if (value.ir === null) return { version, ir: null };
  return { version, ir: checkIr(version, value.ir, 'ir') };
}

/** A delta's frame is an IR (without virtual hosts); each changed virtual host is checked as in a whole IR. */
function checkDelta(version: number, value: Json): ConfigStreamDelta {
  if (!Number.isFinite(value.baseVersion) || !Array.isArray(value.hosts)) {
    throw new InvalidConfigMessageError('PROXY_IR_INVALID', `config message version ${version}: a delta must have a numeric baseVersion, a frame and hosts`);
  }
  const frame = checkIr(version, value.frame, 'frame');
  const problems: string[] = [];
  value.hosts.forEach((change: unknown, i) => {
    const where = `hosts[${i}]`;
    if (!isObject(change) || !isPort(change.port) || !Array.isArray(change.changed) || !Array.isArray(change.removed) || !change.removed.every(isString)) {
      problems.push(`${where} must be {port, changed: virtual hosts, removed: hostnames}`);
      return;
    }
    change.changed.forEach((host: unknown, j) => {
      checkVirtualHost(`${where}.changed[${j}]`, host, problems);
    });
  });
  if (problems.length > 0) throw new InvalidConfigMessageError('PROXY_IR_INVALID', `config message version ${version}: ${problems.slice(0, 5).join('; ')}`);
  return { version, baseVersion: value.baseVersion as number, frame, hosts: value.hosts as ConfigStreamDelta['hosts'] };
}

function checkIr(version: number, ir: unknown, name: string): GatewayIR {
  if (!isObject(ir)) throw new InvalidConfigMessageError('PROXY_IR_INVALID', `config message version ${version}: ${name} must be an object${name === 'ir' ? ' or null' : ''}`);
  if (ir.schemaVersion !== IR_SCHEMA_VERSION) {
    throw new InvalidConfigMessageError(
      'PROXY_IR_SCHEMA_VERSION',
      `config message version ${version}: IR schemaVersion ${String(ir.schemaVersion)} is not ${IR_SCHEMA_VERSION}; run a proxy and controller of the same release`,
    );
  }
  const problems: string[] = [];
  checkListeners(ir.listeners, problems);
  if (ir.backendClientCertificate !== undefined) checkCertificate('ir.backendClientCertificate', ir.backendClientCertificate, problems);
  if (ir.udpListeners !== undefined) checkUdpListeners(ir.udpListeners, problems);
  if (problems.length > 0) {
    throw new InvalidConfigMessageError('PROXY_IR_INVALID', `config message version ${version}: ${problems.slice(0, 5).join('; ')}`);
  }
  return ir as unknown as GatewayIR;
}
