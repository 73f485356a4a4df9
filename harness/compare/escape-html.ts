// Text into HTML (element content and attribute values alike): scenario ids, file paths and messages come from
// files a user wrote.

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}
