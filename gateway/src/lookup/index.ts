/**
 * Lookups: what consumers see. The public projection of a ledger trace (the only shape anonymous lookups
 * return), the phone page that renders it, the trace cache and the Digital Link resolver routes.
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
export { renderTracePage, type TracePageOptions } from './page/tracePage';
export { stageLabel } from './page/stageLabel';
