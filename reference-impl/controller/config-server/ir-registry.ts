// The current IR of every Gateway, with a version that increases on each change, and the streams
// waiting for changes. One counter for all Gateways keeps versions strictly increasing per stream,
// also across a Gateway's deletion and re-creation. An IR equal to the current one (same JSON) is no change.
// Each IR is serialised once per pass: that JSON is both the change test and, wrapped, the stream line every
// subscriber is sent (with 1,000 routes the IR is ~0.5 MB, and serialising it again per send cost as much).
import type { ConfigStreamMessage, GatewayIR } from '../../ir/gateway-ir.ts';

/** A message of the config stream with its NDJSON line (the message's JSON and a newline). */
export interface PublishedIr {
  message: ConfigStreamMessage;
  line: string;
}

type Listener = (published: PublishedIr) => void;

interface Entry extends PublishedIr {
  fingerprint: string;
}

export class IrRegistry {
  #counter = 0;
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Map<string, Set<Listener>>();

  /** Replaces the whole set of IRs; returns the keys (`<ns>/<name>`) whose IR changed. */
  update(irs: Map<string, GatewayIR>): string[] {
    const changed: string[] = [];
    for (const key of new Set([...this.#entries.keys(), ...irs.keys()])) {
      const ir = irs.get(key) ?? null;
      // Plain JSON, not key-sorted: the translator builds an IR's keys in one order, and a mere reordering
      // would only publish an equal IR once more. Sorting every key of a 1,000-route IR took ~10 ms a pass.
      const fingerprint = ir === null ? 'null' : JSON.stringify(ir);
      if (this.#entries.get(key)?.fingerprint === fingerprint) continue;
      this.#counter += 1;
      const entry: Entry = { message: { version: this.#counter, ir }, line: streamLine(this.#counter, fingerprint), fingerprint };
      if (ir === null) this.#entries.delete(key);
      else this.#entries.set(key, entry);
      changed.push(key);
      for (const listener of this.#listeners.get(key) ?? []) listener(entry);
    }
    return changed;
  }

  /** What a new stream starts with: the IR, or null (at the current version) when there is none. */
  current(key: string): ConfigStreamMessage {
    return this.currentPublished(key).message;
  }

  /** current() with its stream line. */
  currentPublished(key: string): PublishedIr {
    return this.#entries.get(key) ?? { message: { version: this.#counter, ir: null }, line: streamLine(this.#counter, 'null') };
  }

  subscribe(key: string, listener: Listener): () => void {
    let set = this.#listeners.get(key);
    if (!set) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  subscriberCount(key: string): number {
    return this.#listeners.get(key)?.size ?? 0;
  }
}

/** JSON.stringify({ version, ir }) and a newline, from the IR's JSON already at hand. */
function streamLine(version: number, irJson: string): string {
  return `{"version":${version},"ir":${irJson}}\n`;
}
