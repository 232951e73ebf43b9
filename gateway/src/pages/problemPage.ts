/** Not-found and error pages for phones, in the trace page's style (same shell, same CSP). */
import { markup } from './html';
import { renderDocument } from './pageDocument';

/** Options of {@link renderProblemPage}. */
export interface ProblemPageOptions {
  /** A sentence under the title, e.g. what to try next. */
  readonly detail?: string;
  readonly lang?: string;
}

const DEFAULT_DETAIL: Readonly<Record<number, string>> = {
  404: 'The code may be misprinted, or this product has not been registered yet. Check the code on the pack and try again.',
  429: 'Too many lookups from this connection. Please wait a minute and try again.',
  500: 'Something went wrong on our side. Please try again later.',
  503: 'The service is busy. Please try again in a moment.',
};

/** A complete HTML page saying `title`, with the HTTP `status` shown for support. */
export function renderProblemPage(status: number, title: string, options: ProblemPageOptions = {}): string {
  const detail = options.detail ?? DEFAULT_DETAIL[status] ?? DEFAULT_DETAIL[status >= 500 ? 500 : 404]!;
  return renderDocument(
    { title: `${title} · Trace`, ...(options.lang !== undefined ? { lang: options.lang } : {}) },
    markup`<main>
<h1>${title}</h1>
<p>${detail}</p>
<p class="muted">Error ${status}</p>
</main>`,
  );
}
