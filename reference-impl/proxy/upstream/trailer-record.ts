// An upstream's trailers (a flat name/value list) as the record Node's response.addTrailers takes; a name
// sent more than once keeps every value, joined as a list (RFC 9110 5.3).
export function trailerRecord(trailers: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i < trailers.length; i += 2) {
    const name = trailers[i] ?? '';
    record[name] = record[name] === undefined ? (trailers[i + 1] ?? '') : `${record[name]}, ${trailers[i + 1] ?? ''}`;
  }
  return record;
}
