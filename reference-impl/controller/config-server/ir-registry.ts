// The current IR of every Gateway, with a version that increases on each change, and the streams
// waiting for changes. One counter for all Gateways keeps versions strictly increasing per stream,
// also across a Gateway's deletion and re-creation. An IR whose JSON equals the current one's is no change.
// Each change is published two ways: the whole IR (a stream's first line, and every line of a stream that did
// not ask for deltas), written only when some stream needs it; and, when there was an IR before, a delta from
// it (ConfigStreamDelta: the frame and the virtual hosts that changed), a few KB where the whole IR of 1,000
// routes is ~0.5 MB.
import type { ConfigStreamDelta, ConfigStreamMessage, GatewayIR } from '../../ir/gateway-ir.ts';
import { frameOf } from '../../ir/ir-delta.ts';
import { gatewayIrJson } from './gateway-ir-json.ts';
import { type IrPieces, piecesOf, samePieces, virtualHostChanges } from './ir-changes.ts';

/** A version of one Gateway's IR as the streams send it. */
export interface PublishedIr {
  message: ConfigStreamMessage;
  /** The NDJSON line of the whole message (written on first use, then kept). */
  fullLine(): string;
  /** The delta from the previous version, for a stream that was sent exactly that one. */
  delta?: { baseVersion: number; line: string };
}

type Listener = (published: PublishedIr) => void;

interface Entry extends PublishedIr {
  pieces: IrPieces;
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
      const previous = this.#entries.get(key);
      const pieces = ir === null ? undefined : piecesOf(ir);
      if (ir === null ? previous === undefined : previous !== undefined && pieces !== undefined && samePieces(previous.pieces, pieces)) continue;
      this.#counter += 1;
      const version = this.#counter;
      changed.push(key);
      if (ir === null || pieces === undefined) {
        this.#entries.delete(key);
        this.#notify(key, nullIr(version));
        continue;
      }
      const entry: Entry = { message: { version, ir }, fullLine: once(() => streamLine(version, gatewayIrJson(ir))), pieces };
      if (previous?.message.ir) {
        const delta: ConfigStreamDelta = { version, baseVersion: previous.message.version, frame: frameOf(ir), hosts: virtualHostChanges(previous.pieces, pieces, ir) };
        entry.delta = { baseVersion: delta.baseVersion, line: `${JSON.stringify(delta)}\n` };
      }
      this.#entries.set(key, entry);
      this.#notify(key, entry);
    }
    return changed;
  }

  /** What a new stream starts with: the IR, or null (at the current version) when there is none. */
  current(key: string): ConfigStreamMessage {
    return this.currentPublished(key).message;
  }

  /** current() with its stream line. */
  currentPublished(key: string): PublishedIr {
    return this.#entries.get(key) ?? nullIr(this.#counter);
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

  #notify(key: string, published: PublishedIr): void {
    for (const listener of this.#listeners.get(key) ?? []) listener(published);
  }
}

function nullIr(version: number): PublishedIr {
  const line = streamLine(version, 'null');
  return { message: { version, ir: null }, fullLine: () => line };
}

/** JSON.stringify({ version, ir }) and a newline, from the IR's JSON. */
function streamLine(version: number, irJson: string): string {
  return `{"version":${version},"ir":${irJson}}\n`;
}

function once(make: () => string): () => string {
  let made: string | undefined;
  return () => {
    made ??= make();
    return made;
  };
}
