// The `pod-template-hash` label: a short, label-safe hash of a Deployment's pod template (plus its
// collisionCount), naming the ReplicaSet `<deployment>-<hash>`. Same template, same hash.

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function podTemplateHash(template: unknown, collisionCount = 0): string {
  let hash = 0x811c9dc5; // FNV-1a, 32 bit
  const text = `${canonicalJson(template)}#${collisionCount}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let encoded = '';
  for (let rest = hash; encoded.length === 0 || rest > 0; rest = Math.floor(rest / ALPHABET.length)) {
    encoded += ALPHABET[rest % ALPHABET.length];
  }
  return encoded;
}

/** JSON with object keys sorted, so key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
