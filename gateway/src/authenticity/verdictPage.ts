/**
 * The phone page of a tap verdict, with the report button: the pages' one shell with its own small stylesheet.
 * The form posts to this origin only, as the shell's CSP allows; the header adds that no site may frame it.
 */
import { markup, pageCsp, renderDocument, type SafeHtml } from '../pages';
import type { PublicVerdict } from './publicVerdict';

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#1d1d1f}
.v{border-radius:.75rem;padding:1rem 1.25rem;margin:1rem 0;font-size:1.15rem}
.genuine{background:#e6f4ea;color:#0b5d1e}.not_verified{background:#fdecea;color:#8a1c13}.reported{background:#e8f0fe;color:#174ea6}
textarea{width:100%;min-height:5rem;font:inherit}button{font:inherit;padding:.5rem 1rem;margin-top:.5rem}
.muted{color:#6e6e73;font-size:.9rem}.recall{background:#8a1c13;color:#fff;padding:.75rem 1rem;border-radius:.5rem}
ol{padding-left:1.25rem}li{margin:.35rem 0}`;

export const VERDICT_PAGE_CSP = `${pageCsp(CSS)}; frame-ancestors 'none'`;

const TITLES = { genuine: 'Genuine', not_verified: 'Could not verify', reported: 'Reported' } as const;

export interface VerdictPageOptions {
  /** The tap's SUN parameters, echoed into the report form so the report is tied to this tag. */
  readonly tap?: Readonly<Record<string, string>>;
  /** Report path, e.g. `/t/report`. */
  readonly reportPath: string;
}

function reportForm(v: PublicVerdict, options: VerdictPageOptions): SafeHtml | string {
  if (v.verdict === 'reported' || options.tap === undefined) return '';
  const hidden = Object.entries(options.tap).map(
    ([name, value]) => markup`<input type="hidden" name="${name}" value="${value}">`,
  );
  return markup`<form method="post" action="${options.reportPath}">
${hidden}<input type="hidden" name="seen" value="${v.verdict}">
<label for="m">Something wrong with this product? Tell the brand (optional):</label>
<textarea id="m" name="message" maxlength="1000"></textarea>
<button type="submit">Report to the brand</button>
</form>`;
}

/** The genuine item's product and stages, from the public projection only. */
function journey(v: PublicVerdict): SafeHtml | string {
  const trace = v.trace;
  if (!trace) return '';
  const product = trace.product;
  return markup`${product ? markup`<h2>${product.name}</h2>${product.brand !== undefined ? markup`<p class="muted">${product.brand}</p>` : ''}` : ''}
${trace.recalled ? markup`<p class="recall" role="alert">This product has been recalled.</p>` : ''}
<ol>${trace.stages.map((s) => markup`<li>${s.label}${s.place ? markup` · ${s.place.name} (${s.place.country})` : ''} <span class="muted">${s.time.slice(0, 10)}</span></li>`)}</ol>`;
}

export function renderVerdictPage(v: PublicVerdict, options: VerdictPageOptions): string {
  return renderDocument(
    { title: `${TITLES[v.verdict]} · Trace`, css: CSS },
    markup`<main>
<h1>${TITLES[v.verdict]}</h1>
<p class="v ${v.verdict}" role="status">${v.message}</p>
${journey(v)}
${v.journeyUrl !== undefined ? markup`<p><a href="${v.journeyUrl}">See this product's journey</a></p>` : ''}
${reportForm(v, options)}
<p class="muted">Verified with the tag's cryptographic signature (NTAG 424 DNA) and the brand's ledger.</p>
</main>`,
  );
}
