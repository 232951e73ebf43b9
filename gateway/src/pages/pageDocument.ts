/**
 * The one shell every phone page shares (trace, problem and tap verdict pages): one inline stylesheet, no scripts, no fonts, no external requests. A
 * Content-Security-Policy pins the stylesheet by hash and allows nothing else to load, so a slip that adds an
 * external image or script fails closed in the browser instead of leaking the scan to a third party.
 */
import { createHash } from 'node:crypto';
import { markup, raw, type SafeHtml } from './html';

const CSS = `
:root{color-scheme:light;--ink:#1b1b1b;--muted:#4a4a4a;--line:#d0d5d2;--accent:#0b5d3b;--bg:#fff;--soft:#f3f6f4;--alarm:#9b1111;--alarm-bg:#fdeeee}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:var(--ink);background:var(--bg);-webkit-text-size-adjust:100%}
body{margin:0}
main,footer{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.2rem;margin:1.75rem 0 .5rem;padding-top:.75rem;border-top:1px solid var(--line)}
h3{font-size:1rem;margin:0}
p{margin:.25rem 0}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.brand,.muted{color:var(--muted)}
.brand{font-weight:600;margin:0}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.75rem 0}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.recall{background:#b3261e;color:#fff;padding:1rem;border-radius:.5rem;margin:0 0 1rem}
.recall-title{margin:0 0 .25rem;font-size:1.25rem;font-weight:700;line-height:1.3}
.recall a{color:#fff}
.note{background:var(--soft);padding:.5rem .75rem;border-radius:.375rem;color:var(--muted)}
.map{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:.5rem;margin:.5rem 0}
.map .ground{fill:#eef3ea}
.map .plot{fill:#2e7d4f;fill-opacity:.35;stroke:#0b5d3b;stroke-width:2}
.map .scale path{fill:none;stroke:#1b1b1b;stroke-width:1.5}
.map text{font:12px system-ui,sans-serif;fill:#1b1b1b}
.map .north,.map .plot-no{font-weight:700}
.plots{list-style:none;padding:0}
.plots .plot-no{display:inline-block;min-width:1.5em;font-weight:700;color:var(--accent)}
.journey{list-style:none;margin:0;padding:0 0 0 1rem;border-left:3px solid var(--accent)}
.stage{position:relative;margin:0 0 1.25rem;padding-left:.5rem}
.stage::before{content:"";position:absolute;left:-1.55rem;top:.3rem;width:.8rem;height:.8rem;border-radius:50%;background:var(--bg);border:3px solid var(--accent)}
.temp{margin-top:.25rem}
.temp.alarm{color:var(--alarm);background:var(--alarm-bg);padding:.25rem .5rem;border-radius:.375rem}
table{border-collapse:collapse;margin:.25rem 0;font-size:.9rem}
th,td{text-align:left;padding:.15rem .75rem .15rem 0;border-bottom:1px solid var(--line)}
td.alarm{color:var(--alarm);font-weight:700}
summary{cursor:pointer;color:var(--accent)}
.certs{padding-left:1.25rem}
footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:2rem}
`.trim();

/**
 * The CSP of a page styled by `css`: nothing loads but that stylesheet (pinned by hash) and data: images; forms
 * post to this origin only. Routes may also send it as a header (a header can add frame-ancestors).
 */
export function pageCsp(css: string): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** CSP of the pages in the consumer stylesheet (trace and problem pages). */
export const CONSUMER_PAGE_CSP = pageCsp(CSS);

/** Options every consumer page takes. */
export interface DocumentOptions {
  readonly title: string;
  /** BCP 47 language of the page text; the texts here are English. */
  readonly lang?: string;
  readonly canonicalUrl?: string;
  /** The page's stylesheet; default: the consumer pages' own. */
  readonly css?: string;
}

/** A complete HTML document around `body`. */
export function renderDocument(options: DocumentOptions, body: SafeHtml): string {
  const css = options.css ?? CSS;
  return markup`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${css === CSS ? CONSUMER_PAGE_CSP : pageCsp(css)}">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
${options.canonicalUrl !== undefined ? markup`<link rel="canonical" href="${options.canonicalUrl}">\n` : ''}<link rel="icon" href="data:,">
<style>${raw(css)}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}
