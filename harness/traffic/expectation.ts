// Compares one response with what a scenario expects and says, line by line, what differed.
//
//   checkExpectation(expect: ResponseExpectation, response: ProbeResponse): Mismatch[]   (empty: it holds)
//   Mismatch = { field, expected, actual, text }   text: "status: expected 200, got 404"
import type { ResponseExpectation } from '../scenario/scenario-types.ts';
import { backendMatches } from './backend-identity.ts';
import type { EchoedRequest, ProbeResponse } from './send-request.ts';

export type { ResponseExpectation };

export interface Mismatch {
  field: string;
  expected: string;
  actual: string;
  text: string;
}

function mismatch(field: string, expected: string, actual: string): Mismatch {
  return { field, expected, actual, text: `${field}: expected ${expected}, got ${actual}` };
}

/** The backend name a pod most likely belongs to: its Service, else the pod name minus the ReplicaSet/pod suffixes. */
function backendNameOf(echo: EchoedRequest): string {
  if (echo.service !== '') return echo.service;
  const parts = echo.pod.split('-');
  return parts.length > 2 ? parts.slice(0, -2).join('-') : echo.pod;
}

function headerValues(echo: EchoedRequest, name: string): string[] | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(echo.headers)) {
    if (key.toLowerCase() === wanted) return values;
  }
  return undefined;
}

function checkHeaders(expect: ResponseExpectation, echo: EchoedRequest): Mismatch[] {
  const found: Mismatch[] = [];
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const values = headerValues(echo, name);
    if (values === undefined) found.push(mismatch(`header ${name}`, JSON.stringify(value), '(absent)'));
    else if (!values.includes(value)) found.push(mismatch(`header ${name}`, JSON.stringify(value), values.map((item) => JSON.stringify(item)).join(', ')));
  }
  for (const name of expect.absentHeaders ?? []) {
    const values = headerValues(echo, name);
    if (values !== undefined) found.push(mismatch(`header ${name}`, '(absent)', values.map((item) => JSON.stringify(item)).join(', ')));
  }
  return found;
}

function checkEcho(expect: ResponseExpectation, echo: EchoedRequest): Mismatch[] {
  const found: Mismatch[] = [];
  if (expect.backend !== undefined && !backendMatches(expect.backend, echo)) {
    found.push(mismatch('backend', expect.backend, `${backendNameOf(echo)} (pod ${echo.pod || '(unnamed)'})`));
  }
  if (expect.namespace !== undefined && echo.namespace !== expect.namespace) found.push(mismatch('namespace', expect.namespace, echo.namespace || '(empty)'));
  if (expect.path !== undefined && echo.path !== expect.path) found.push(mismatch('path', JSON.stringify(expect.path), JSON.stringify(echo.path)));
  if (expect.host !== undefined && echo.host !== expect.host) found.push(mismatch('host', JSON.stringify(expect.host), JSON.stringify(echo.host)));
  return [...found, ...checkHeaders(expect, echo)];
}

function needsEcho(expect: ResponseExpectation): boolean {
  return [expect.backend, expect.namespace, expect.path, expect.host, expect.headers, expect.absentHeaders].some((item) => item !== undefined);
}

export function checkExpectation(expect: ResponseExpectation, response: ProbeResponse): Mismatch[] {
  const found: Mismatch[] = [];
  if (response.status !== expect.status) found.push(mismatch('status', String(expect.status), String(response.status)));
  if (!needsEcho(expect)) return found;
  if (!response.echo) {
    const preview = response.body.slice(0, 80).replaceAll('\n', ' ');
    return [...found, mismatch('body', 'an echo backend JSON body', preview === '' ? '(empty body)' : JSON.stringify(preview))];
  }
  return [...found, ...checkEcho(expect, response.echo)];
}

export function formatMismatches(mismatches: readonly Mismatch[]): string {
  return mismatches.map((item) => `  ${item.text}`).join('\n');
}
