/**
 * What consumers see: the public projection of a ledger trace (the only shape anonymous lookups return), the
 * phone page that renders it, and the problem page for codes nobody knows.
 */
export { toPublicTrace, type PublicTraceOptions } from './publicTrace';
export {
  PublicTrace,
  PublicStage,
  PublicRecall,
  PublicOrigin,
  PublicPlot,
  PublicProduct,
  PublicLot,
  PublicPlace,
  PublicCertification,
  PublicCorrection,
  TemperatureSummary,
} from './publicTraceSchema';
export { renderTracePage, type TracePageOptions } from './tracePage';
export { renderProblemPage, type ProblemPageOptions } from './problemPage';
export { CONSUMER_PAGE_CSP } from './pageDocument';
export { escapeHtml, markup, SafeHtml } from './html';
export { stageLabel } from './stageLabel';
