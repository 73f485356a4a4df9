// A Service's selector as the EndpointSlice controller applies it: a plain equality map. (The workload
// controllers here find their pods through ownerReferences, so no LabelSelector matching is needed;
// list requests' `?labelSelector=` is the API server's, in api/label-selector.ts.)

/** Every key must match. An empty selector matches nothing (no managed endpoints). */
export function matchesServiceSelector(selector: Record<string, string>, labels: Record<string, string> = {}): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}
