import assert from 'node:assert/strict';
import { validateScenarioDocument } from '../../../harness/scenario/validate/schema-validator.ts';

const valid = { id: 'one', description: 'x', profile: 'GATEWAY-HTTP', features: ['Gateway'] };
const messages = (document: Record<string, unknown>) => validateScenarioDocument({ ...valid, ...document }).map((problem) => problem.message);

describe('validateScenarioDocument: messages that say what to write', () => {
  it('accepts a valid document', () => {
    assert.deepEqual(messages({ requests: [{ gateway: 'ns/gw', http: { path: '/', headers: { version: 2 } }, expect: { backend: 'v1' } }] }), []);
  });

  it('lists the known fields for an unknown one, at the key', () => {
    const [problem] = validateScenarioDocument({ ...valid, requests: [{ http: { path: '/', hedaers: {} } }] });
    assert.deepEqual(problem, { path: ['requests', 0, 'http', 'hedaers'], atKey: true, message: 'requests[0].http.hedaers: unknown field; expected one of: method, host, path, headers, body, uniqueQueryParam' });
  });

  it('reports only the branch of a union the value was meant for', () => {
    assert.deepEqual(messages({ requests: [{ gateway: { namespace: 'ns' }, http: { path: '/' }, expect: { backend: { nmae: 'v1' } } }] }), [
      'requests[0].gateway.name: is required (a non-empty string)',
      'requests[0].expect.backend.nmae: unknown field; expected one of: name, namespace, method, path, host, proto, headers, absentHeaders, serverName, clientCertificate, tls',
    ]);
    assert.deepEqual(messages({ await: [{ kind: 'HTTPRoute', name: 'r', parents: 'acepted' }] }), ['await[0].parents: must be "accepted", got string "acepted"']);
  });

  it('says every shape a union takes when the value fits none', () => {
    assert.deepEqual(messages({ manifests: [5], requests: [{ http: { path: '/' }, expect: { backend: 7 } }] }), [
      'manifests[0]: must be a file name (string or {file: name}) or an inline object with apiVersion and kind, got number 5',
      'requests[0].expect.backend: must be a backend name, or a mapping with name, namespace, method, path, host, proto, headers, absentHeaders, serverName, clientCertificate (tls for tls:), got number 7',
    ]);
  });

  it('names required fields with their shape, ranges, enums, patterns and durations', () => {
    assert.deepEqual(validateScenarioDocument({ id: 'One', profile: 'HTTP', features: 'Gateway' }).map((problem) => problem.message), [
      'description: is required (a non-empty string)',
      'id: must be lowercase letters, digits and "-" (like a Kubernetes name), got string "One"',
      'profile: must be one of "GATEWAY-HTTP", "GATEWAY-TLS", "GATEWAY-TCP", "GATEWAY-UDP", "GATEWAY-GRPC", "MESH-HTTP", "MESH-GRPC", got string "HTTP"',
      'features: must be a list, got string "Gateway"',
    ]);
    assert.deepEqual(messages({ defaults: { port: 70000 }, requests: [{ http: { path: 'x' }, expect: { timing: { within: '2 seconds' }, mirroredTo: [] } }] }), [
      'defaults.port: must be an integer 1..65535, got number 70000',
      'requests[0].http.path: must be a path starting with "/", got string "x"',
      'requests[0].expect.mirroredTo: must list at least 1 item(s)',
      'requests[0].expect.timing.within: must be a Go duration such as 500ms, 2s or 1m30s, got string "2 seconds"',
    ]);
  });

  it('says what a document that is not a mapping should be', () => {
    assert.deepEqual(
      validateScenarioDocument(['a list']).map((problem) => problem.message),
      ['the document: must be a mapping {id, description, profile, features}, got a list'],
    );
  });
});
