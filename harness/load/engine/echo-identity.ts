// Which backend answered, read from an echo body without parsing all of it: a load run attributes every
// response, and JSON.parse of each body would cost more than the request. Finds the "pod" and "service"
// fields of the echo's JSON (compact or indented) and names the backend as the traffic probes do
// (harness/traffic/backend-identity.ts), caching the answer per pod.
import { identifyBackend } from '../../traffic/backend-identity.ts';

const POD = Buffer.from('"pod"');
const SERVICE = Buffer.from('"service"');
const QUOTE = 34;

function stringField(body: Buffer, key: Buffer): string | undefined {
  const at = body.indexOf(key);
  if (at === -1) return undefined;
  let i = at + key.length;
  while (i < body.length && (body[i] === 32 || body[i] === 58 || body[i] === 10 || body[i] === 9 || body[i] === 13)) i++;
  if (body[i] !== QUOTE) return undefined;
  const end = body.indexOf(QUOTE, i + 1);
  return end === -1 ? undefined : body.toString('utf8', i + 1, end);
}

export class EchoIdentity {
  readonly #candidates: readonly string[];
  readonly #byPod = new Map<string, string>();

  constructor(candidates: readonly string[]) {
    this.#candidates = candidates;
  }

  /** The backend's name, or undefined when the body is not an echo answer. */
  backendOf(body: Buffer): string | undefined {
    const pod = stringField(body, POD);
    if (pod === undefined) return undefined;
    const known = this.#byPod.get(pod);
    if (known !== undefined) return known;
    const service = stringField(body, SERVICE) ?? '';
    const backend = identifyBackend(this.#candidates, { pod, service }) ?? (service || `pod ${pod}`);
    this.#byPod.set(pod, backend);
    return backend;
  }
}
