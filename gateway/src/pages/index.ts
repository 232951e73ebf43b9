/**
 * The one HTML shell of the phone pages (trace, problem and tap verdict pages): the document, its stylesheet
 * pinned by hash in the CSP, and the auto-escaping `markup` tag every page is written with.
 */
export { renderProblemPage, type ProblemPageOptions } from './problemPage';
export { CONSUMER_PAGE_CSP, pageCsp, renderDocument, type DocumentOptions } from './pageDocument';
export { escapeHtml, markup, SafeHtml } from './html';
