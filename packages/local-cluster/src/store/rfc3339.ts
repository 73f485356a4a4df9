// Timestamps as Kubernetes writes them: RFC 3339 in UTC with second precision (2026-01-01T00:00:00Z).

export function rfc3339Seconds(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
