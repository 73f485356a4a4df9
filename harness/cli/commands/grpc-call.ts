// `gauntlet grpc-call <address> <method>`: one unary call to the gRPC echo service through a Gateway (the
// cluster of `gauntlet up`, or any other), printed as grpcurl prints it. grpcurl is not on every machine, and the
// echo's own client knows its messages without reflection. Exit code 0 when the call ends with the expected
// status (OK unless --expect-code says otherwise), 1 when it does not, 2 on bad input.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GRPC_ECHO_SERVICE_NAME } from '../../scenario/format/protocol-requests.ts';
import { formatGrpcOutcome } from '../../traffic/grpc/format-grpc-outcome.ts';
import { callGrpcEcho, type GrpcCallSpec } from '../../traffic/grpc/grpc-echo-call.ts';
import { describeGrpcStatus, GRPC_STATUS_CODES, type GrpcStatusName } from '../../traffic/grpc/grpc-status-names.ts';
import { withExamples } from '../help-examples.ts';
import { jsonOutput } from '../json-output.ts';
import { UsageError } from '../usage-error.ts';

interface GrpcCallOptions {
  service: string;
  authority?: string;
  header: string[];
  tls?: boolean;
  cacert?: string;
  serverName?: string;
  maxTime: string;
  expectCode: string;
  v?: boolean;
  json?: boolean;
}

function target(address: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw new UsageError(`address "${address}" must be host:port, e.g. 127.30.0.10:80 (the Gateway address and listener port \`gauntlet status\` prints)`);
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

function metadataOf(headers: string[]): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const header of headers) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw new UsageError(`-H "${header}" must be "name: value"`);
    metadata[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  return metadata;
}

function expectedCode(text: string): number {
  if (/^\d+$/.test(text) && Number(text) <= 16) return Number(text);
  const code = GRPC_STATUS_CODES[text.toUpperCase() as GrpcStatusName];
  if (code === undefined) throw new UsageError(`--expect-code "${text}" is not a gRPC status: give a name such as UNIMPLEMENTED or a number 0-16`);
  return code;
}

export function registerGrpcCallCommand(program: Command): void {
  const command = program
    .command('grpc-call')
    .description("one unary call to the gRPC echo service through a Gateway, printed as grpcurl prints it (the echo's answer says which backend took it)")
    .argument('<address>', 'host:port of the Gateway listener')
    .argument('<method>', 'the method: Echo, EchoTwo (answered) or EchoThree (UNIMPLEMENTED by the echo)')
    .option('--service <name>', 'the fully qualified service', GRPC_ECHO_SERVICE_NAME)
    .option('--authority <host>', 'the :authority sent (the host GRPCRoutes match); default the address')
    .option('-H, --header <name: value>', 'metadata to send; repeatable', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--tls', 'call over TLS with ALPN h2 (an HTTPS listener); the certificate is not verified without --cacert')
    .option('--cacert <file>', 'PEM CA the server certificate must chain to (implies --tls)')
    .option('--server-name <name>', 'the SNI and the name the certificate must carry; default the authority')
    .option('--max-time <seconds>', 'deadline of the call', '5')
    .option('--expect-code <status>', 'the status that counts as success (exit code 0)', 'OK')
    .option('-v', 'verbose: metadata sent, response headers and trailers, as grpcurl -v')
    .option('--json', 'print {"code", "status", "details", "response", "metadata", "elapsedMs"} on stdout')
    .action(async (address: string, method: string, options: GrpcCallOptions) => {
      const deadlineMs = Number(options.maxTime) * 1000;
      if (!(deadlineMs > 0)) throw new UsageError(`--max-time "${options.maxTime}" must be a positive number of seconds`);
      const expected = expectedCode(options.expectCode);
      const overTls = options.tls === true || options.cacert !== undefined;
      const tls = overTls ? { ...(options.serverName ? { serverName: options.serverName } : {}), ...(options.cacert ? { ca: readFileSync(options.cacert, 'utf8') } : {}) } : undefined;
      const call: GrpcCallSpec & { service: string } = {
        service: options.service,
        method,
        metadata: metadataOf(options.header),
        ...(options.authority ? { authority: options.authority } : {}),
        ...(tls ? { tls } : {}),
      };
      const outcome = await callGrpcEcho(target(address), call, deadlineMs);
      if (options.json) {
        jsonOutput.enable();
        const { echo: _echo, ...rest } = outcome;
        jsonOutput.write({ ...rest, status: describeGrpcStatus(outcome.code) });
      } else process.stdout.write(formatGrpcOutcome(call, outcome, options.v === true));
      if (outcome.code !== expected) {
        process.stderr.write(`expected ${describeGrpcStatus(expected)}, got ${describeGrpcStatus(outcome.code)}\n`);
        process.exitCode = 1;
      }
    });
  withExamples(command, [
    ['gauntlet grpc-call 127.30.0.10:80 Echo', 'call Echo through the Gateway at that address'],
    ['gauntlet grpc-call 127.30.0.10:80 Echo --authority foo.bar.com -H "version: two" -v', 'with a host and metadata a GRPCRoute matches, verbose'],
    ['gauntlet grpc-call 127.30.0.10:80 EchoThree --expect-code UNIMPLEMENTED', 'a method no route matches'],
    ['gauntlet grpc-call 127.30.0.11:443 Echo --tls --authority example.org', 'over TLS (ALPN h2) to an HTTPS listener'],
  ]);
}
