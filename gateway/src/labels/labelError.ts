/** The one error label rendering throws; the gateway maps it to 400 problem+json by `code`. */

/** Stable codes: part of the gateway's public contract, never renamed. */
export type LabelErrorCode =
  /** Not an absolute http(s) URL, or too long to print as a readable QR code. */
  | 'LABEL_URL_INVALID'
  /** An option is out of range (scale, margin, columns). */
  | 'LABEL_OPTION_INVALID'
  /** No items, or more than a sheet may hold. */
  | 'LABEL_SHEET_SIZE';

export class LabelError extends Error {
  override readonly name = 'LabelError';
  constructor(
    readonly code: LabelErrorCode,
    readonly field: string,
    /** What is wrong, without the code: the problem's `detail`. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${reason}`, options);
  }
}
