// A self-contained HTML page: the stylesheet and the chart script inline, nothing fetched, so the file opens
// from disk, from a CI artifact or an e-mail attachment alike. The run report and the comparison view both
// render their body and hand it here.
//
//   renderHtmlPage({ title, body }): Promise<string>
import { reportClientScript } from './client-bundle.ts';
import { escapeHtml } from './html-escape.ts';
import { PAGE_STYLES } from './page-styles.ts';

export interface HtmlPage {
  title: string;
  /** The content of <main>, already escaped HTML; chart figures from charts/chart-figure.ts get drawn. */
  body: string;
}

export async function renderHtmlPage(page: HtmlPage): Promise<string> {
  const script = await reportClientScript();
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from elsewhere: the page must read the same offline as online.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${PAGE_STYLES}</style>`,
    '</head>',
    '<body>',
    `<main>\n${page.body}\n</main>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
