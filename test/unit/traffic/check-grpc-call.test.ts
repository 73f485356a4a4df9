import assert from 'node:assert/strict';
import { checkGrpcCall } from '../../../harness/traffic/grpc/check-grpc-call.ts';
import type { GrpcCallOutcome } from '../../../harness/traffic/grpc/grpc-echo-call.ts';

const answered = (tls?: { serverName: string }): GrpcCallOutcome => ({
  code: 0,
  details: '',
  elapsedMs: 1,
  echo: { method: 'Echo', authority: 'grpc.example.com', headers: {}, namespace: 'ns', service: 'grpc-tls-backend', pod: 'grpc-tls-backend-abc', ...(tls ? { tls } : {}) },
});

describe('checkGrpcCall: the SNI a backend reached over TLS saw', () => {
  it('passes when the echo saw the expected SNI', () => {
    assert.deepEqual(checkGrpcCall(0, { name: 'grpc-tls-backend', serverName: 'abc.example.com' }, answered({ serverName: 'abc.example.com' })), []);
  });

  it('names another SNI, and a call that reached the backend without TLS', () => {
    const [other] = checkGrpcCall(0, { serverName: 'abc.example.com' }, answered({ serverName: 'other.example.com' }));
    assert.deepEqual([other?.field, other?.expected, other?.actual], ['backend serverName', 'abc.example.com', '"other.example.com"']);
    const [cleartext] = checkGrpcCall(0, { serverName: 'abc.example.com' }, answered());
    assert.match(cleartext?.actual ?? '', /without TLS/);
  });
});
