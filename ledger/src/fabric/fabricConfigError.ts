/**
 * A Fabric ledger that cannot be set up: a missing or malformed connection profile or wallet. Thrown only by
 * {@link FabricLedger.connect}, at start-up, so the server fails fast naming what is wrong; once connected the
 * ledger throws only the errors of `../errors`.
 */
export type FabricConfigErrorCode = 'PROFILE_MISSING' | 'PROFILE_INVALID' | 'WALLET_INVALID';

export class FabricConfigError extends Error {
  override readonly name = 'FabricConfigError';
  constructor(
    readonly code: FabricConfigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}
