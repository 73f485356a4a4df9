// GET pods/NAME/log (`kubectl logs`): the runtime appends each pod's output to
// <stateDir>/pods/<namespace>_<pod>.log; this serves that file, its last `tailLines` lines, and with
// `follow=true` keeps sending what is appended until the pod is gone, the client leaves, or 30 minutes pass.

import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, notFound } from '../store/api-error.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';

const FOLLOW_POLL_MS = 250;
const FOLLOW_LIMIT_MS = 30 * 60_000;
const PODS = { group: '', resource: 'pods' };

export function podLogPath(stateDir: string, namespace: string, pod: string): string {
  return join(stateDir, 'pods', `${namespace}_${pod}.log`);
}

export async function handlePodLog(ctx: ServerContext, request: ResourceRequest, name: string, stateDir: string): Promise<void> {
  const namespace = request.namespace ?? 'default';
  if (!ctx.store.get(PODS, namespace, name)) throw notFound('', 'pods', name);
  const path = podLogPath(stateDir, namespace, name);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new ApiError(400, 'BadRequest', `container in pod "${name}" is waiting to start: no log yet (the pod has not run a process)`);
  }
  const tail = Number(request.query.get('tailLines') ?? Number.NaN);
  const { res } = request;
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.write(Number.isInteger(tail) && tail >= 0 ? lastLines(text, tail) : text);
  if (!['1', 'true'].includes(request.query.get('follow') ?? '')) {
    res.end();
    return;
  }
  await follow(ctx, request, path, Buffer.byteLength(text), { namespace, name });
}

function lastLines(text: string, count: number): string {
  if (count === 0) return '';
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const kept = lines.slice(-count).join('\n');
  return text.endsWith('\n') ? `${kept}\n` : kept;
}

async function follow(
  ctx: ServerContext,
  request: ResourceRequest,
  path: string,
  from: number,
  pod: { namespace: string; name: string },
): Promise<void> {
  const { res } = request;
  let offset = from;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const deadline = Date.now() + FOLLOW_LIMIT_MS;
  while (!closed && Date.now() < deadline && ctx.store.get(PODS, pod.namespace, pod.name)) {
    offset = await sendAppended(path, offset, (chunk) => res.write(chunk));
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
  res.end();
}

async function sendAppended(path: string, offset: number, send: (chunk: Buffer) => void): Promise<number> {
  const size = await stat(path).then((s) => s.size, () => offset);
  if (size <= offset) return Math.min(size, offset); // a truncated file starts over
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - offset);
    await file.read(buffer, 0, buffer.length, offset);
    send(buffer);
    return size;
  } finally {
    await file.close();
  }
}
