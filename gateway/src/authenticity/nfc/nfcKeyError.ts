/** A brand key store that cannot be used. Never carries key material in its message. */
export type NfcKeyErrorCode = 'KEY_FILE_MISSING' | 'KEY_FILE_PERMISSIONS' | 'KEY_FILE_INVALID';

export class NfcKeyError extends Error {
  override readonly name = 'NfcKeyError';
  constructor(
    readonly code: NfcKeyErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
