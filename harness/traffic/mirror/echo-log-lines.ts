// The requests an echo backend logged, from its pod log. Two formats are read: the reference echo's JSON
// line (pino: {"msg":"request","method":...,"path":...,"host":...,"headers":{...}}) and upstream
// echo-basic's text line ("Echoing back request made to <path> to client (<addr>)").

const upstreamLine = /Echoing back request made to (\S+) to client/;

function jsonRequestPath(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const record = JSON.parse(line) as { msg?: unknown; path?: unknown };
    return record.msg === 'request' && typeof record.path === 'string' ? record.path : undefined;
  } catch {
    return undefined;
  }
}

/** The request targets (path with query) of every request line in a log, in order. */
export function loggedRequestTargets(log: string): string[] {
  const targets: string[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.trim();
    const path = jsonRequestPath(line) ?? upstreamLine.exec(line)?.[1];
    if (path !== undefined) targets.push(path);
  }
  return targets;
}
