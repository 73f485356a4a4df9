// Kubernetes orders API versions by stability: GA (v2 > v1), then beta, then alpha, then anything else
// alphabetically. The first is a group's preferred version, which clients use by default.

const KUBE_VERSION = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

function rank(version: string): [number, number, number] {
  const match = KUBE_VERSION.exec(version);
  if (!match) return [0, 0, 0];
  const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  return [stability, Number(match[1]), Number(match[3] ?? 0)];
}

/** Negative when `a` is preferred over `b`. */
export function compareVersionPriority(a: string, b: string): number {
  const [ra, rb] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (rb[i] ?? 0) - (ra[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
