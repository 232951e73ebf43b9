/**
 * Scan decoding: pure functions from what readers and phones send to typed values (EPC hex, GS1 Digital Links,
 * protobuf reader frames). No ledger, no HTTP. Every decoder throws only {@link ScanDecodeError}, which the gateway maps to 400 problem+json.
 */
export { ScanDecodeError, type ScanDecodeErrorCode } from './scanDecodeError';
export {
  decodeEpcHex,
  type DecodeEpcOptions,
  type DecodedEpc,
  type EpcScheme,
  type Grai96Epc,
  type Sgln96Epc,
  type Sgtin96Epc,
  type Sscc96Epc,
} from './epc';
export {
  buildDigitalLink,
  parseDigitalLink,
  type DigitalLinkParts,
  type ParsedDigitalLink,
} from './digitalLink';
export {
  decodeScanFrame,
  encodeScanFrame,
  type ReaderBatch,
  type ScanFrameLimits,
  type ScanRead,
} from './scanFrame';
export { dedupeReads } from './dedupeReads';
