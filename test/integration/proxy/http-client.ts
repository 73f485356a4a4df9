// One request per connection (agent: false) so tests see exactly what each request got.

import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

export interface SendOptions {
  host: string;
  port: number;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
}

export function send(options: SendOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host, port: options.port, path: options.path ?? '/', method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString() });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 5000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The pod name the echo server reported, or the status when the answer was not an echo. */
export async function podOf(options: SendOptions): Promise<string> {
  const reply = await send(options);
  if (reply.status !== 200) return `status ${reply.status}`;
  return (JSON.parse(reply.text) as { pod: string }).pod;
}
