// The most specific of a port's listener hostnames for a name: an exact hostname first, then the wildcard with
// the longest suffix (`*.a.example.com` before `*.example.com`; a wildcard needs at least one label before its
// suffix), then `*`. The TLS handshake picks a listener's certificate by the SNI this way, and a request is
// misdirected when its Host picks another listener than its SNI did.

interface WildcardEntry<T> {
  /** `.example.com` for `*.example.com`. */
  suffix: string;
  value: T;
}

export class ServerNameTable<T> {
  readonly #exact = new Map<string, T>();
  readonly #wildcards: WildcardEntry<T>[] = [];
  readonly #any: T | undefined;

  /** `hostname`: exact, `*.suffix` or `*`, any case; the first entry of a hostname wins. */
  constructor(entries: readonly { hostname: string; value: T }[]) {
    let any: T | undefined;
    for (const { hostname, value } of entries) {
      const name = hostname.toLowerCase();
      if (name === '*') any ??= value;
      else if (name.startsWith('*.')) {
        if (!this.#wildcards.some((entry) => entry.suffix === name.slice(1))) this.#wildcards.push({ suffix: name.slice(1), value });
      } else if (!this.#exact.has(name)) this.#exact.set(name, value);
    }
    this.#any = any;
    this.#wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
  }

  /** `name` lower case (a Host already normalised, an SNI); undefined (a client sending no SNI) finds only `*`. */
  lookup(name: string | undefined): T | undefined {
    if (name === undefined || name === '') return this.#any;
    const exact = this.#exact.get(name);
    if (exact !== undefined) return exact;
    for (const wildcard of this.#wildcards) {
      if (name.length > wildcard.suffix.length && name.endsWith(wildcard.suffix)) return wildcard.value;
    }
    return this.#any;
  }
}
