/**
 * The one error every scan decoder throws. The gateway's error middleware maps it to HTTP 400 problem+json,
 * using `code` as the stable problem type and `field` to point at the offending input.
 */

/** Stable codes: part of the gateway's public contract, never renamed. */
export type ScanDecodeErrorCode =
  /** EPC-bank hex is not hex, has the wrong length, or a field overflows its partition. */
  | 'EPC_MALFORMED'
  /** The EPC header names a scheme this gateway does not decode. */
  | 'EPC_UNSUPPORTED_SCHEME'
  /** Not a GS1 Digital Link URI with a GTIN primary key, or it breaks the DL grammar. */
  | 'DIGITAL_LINK_INVALID'
  /** Key qualifiers are out of the fixed order 22, 10, 21 or repeated. */
  | 'DIGITAL_LINK_QUALIFIER_ORDER'
  /** The GTIN's mod-10 check digit is wrong. */
  | 'GTIN_CHECK_DIGIT'
  /** A SUN URL is missing a parameter, or one has the wrong length, case or characters. */
  | 'SUN_MALFORMED'
  /** Decrypted PICC data does not carry tag 0xC7 (wrong K_SDMMetaRead, or UID/counter not both mirrored). */
  | 'SUN_PICC_DATA_INVALID'
  /** The SUN MAC does not verify under the key for this UID and counter. */
  | 'SUN_MAC_MISMATCH'
  /** A reader frame is not a valid ReaderBatch or breaks a size limit or a required field. */
  | 'FRAME_MALFORMED'
  /** A key or diversification input has the wrong length. */
  | 'KEY_INVALID';

/** Thrown by every decoder in `scan/`; carries a stable `code` and the input `field` it concerns. */
export class ScanDecodeError extends Error {
  override readonly name = 'ScanDecodeError';
  constructor(
    readonly code: ScanDecodeErrorCode,
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}
