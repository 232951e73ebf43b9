/**
 * QR labels for packs: the code holds the resolver's GS1 Digital Link URL. PNG and SVG for one code, and a
 * printable A4 sheet for a run of lots or serials.
 */
export { LabelError, type LabelErrorCode } from './labelError';
export {
  MAX_QR_URL_LENGTH,
  QR_ERROR_CORRECTION,
  QR_QUIET_ZONE,
  qrModules,
  qrPng,
  qrSvg,
  type QrOptions,
} from './qrCode';
export { labelSheet, MAX_SHEET_LABELS, type LabelItem, type LabelSheetOptions } from './labelSheet';
