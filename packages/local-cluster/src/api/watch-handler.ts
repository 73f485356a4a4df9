// `?watch=true`: a stream of newline-delimited JSON events {type, object}. Headers are flushed at
// once (kubectl waits for them), the client leaving is seen on the response's 'close', and every
// stream ends after timeoutSeconds (default 30 minutes) so none lives forever.

import { ApiError } from '../store/api-error.ts';
import type { KubeObject, WatchEvent } from '../store/object-store-contract.ts';
import { filterOfQuery } from './list-filter.ts';
import { asServed } from './object-writer.ts';
import { storeKeyOf } from './resource-info.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';
import { statusOfError } from './status-response.ts';
import { WatchSelection } from './watch-selection.ts';

const DEFAULT_WATCH_SECONDS = 1800;
const BOOKMARK_INTERVAL_MS = 60_000;
/** A client that stops reading is cut off rather than buffered without bound; it watches again. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function handleWatch(ctx: ServerContext, request: ResourceRequest): void {
  const { info, res, query } = request;
  const nameFilter = request.name;
  const selected = filterOfQuery(query);
  const filter = nameFilter === undefined ? selected : (o: KubeObject) => o.metadata.name === nameFilter && selected(o);
  const since = query.get('resourceVersion') ?? undefined;
  // Resuming from a version: the client holds what matched then; what matches now is the best guess.
  const known = since && since !== '0' ? ctx.store.list(storeKeyOf(info), request.namespace).items : [];
  const selection = new WatchSelection(filter, known);
  const write = (event: WatchEvent | { type: 'ERROR' | 'BOOKMARK'; object: object }) => {
    if (res.writableEnded || res.destroyed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      ctx.log(`watch of ${info.resource} cut off: the client stopped reading`);
      res.destroy();
      return;
    }
    res.write(`${JSON.stringify(event)}\n`);
  };

  let stop: () => void = () => {};
  let lastResourceVersion = query.get('resourceVersion') ?? '';
  const startStream = () => {
    if (res.headersSent) return;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache' });
    res.flushHeaders();
  };
  try {
    stop = ctx.store.watch(storeKeyOf(info), request.namespace, since, (event) => {
      lastResourceVersion = event.object.metadata.resourceVersion ?? lastResourceVersion;
      const sent = selection.translate(event);
      if (!sent) return;
      startStream();
      write({ type: sent.type, object: asServed(info, sent.object) });
    });
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 410) throw error;
    // As the real server: a too-old resourceVersion is an ERROR event carrying a 410 Status, which
    // informers answer by listing again.
    startStream();
    write({ type: 'ERROR', object: statusOfError(error) });
    res.end();
    return;
  }
  startStream();

  const seconds = Number(query.get('timeoutSeconds') ?? DEFAULT_WATCH_SECONDS);
  const timeout = setTimeout(() => res.end(), (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_WATCH_SECONDS) * 1000);
  const bookmarks = ['1', 'true'].includes(query.get('allowWatchBookmarks') ?? '')
    ? setInterval(() => {
        write({ type: 'BOOKMARK', object: { apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind, metadata: { resourceVersion: lastResourceVersion } } });
      }, BOOKMARK_INTERVAL_MS)
    : undefined;
  ctx.watches.add(res);
  res.on('close', () => {
    stop();
    clearTimeout(timeout);
    if (bookmarks) clearInterval(bookmarks);
    ctx.watches.delete(res);
  });
}
