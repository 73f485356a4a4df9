// Text into HTML, and data into an inline <script type="application/json">: everything a report shows comes
// from scenario files, servers' answers and object statuses, so all of it is escaped on the way in.

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** JSON that cannot end its <script> element or open a comment: <, > and & as \u escapes (still valid JSON). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026').replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
}

/** An id attribute value from any text: letters, digits and dashes. */
export function htmlId(prefix: string, text: string): string {
  return `${prefix}-${text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
