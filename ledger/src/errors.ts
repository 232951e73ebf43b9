/**
 * Typed ledger errors. Both ledger implementations throw only these, so the gateway's error middleware maps
 * one set of classes to HTTP, whichever ledger is behind it.
 */

export type LedgerErrorCode =
  | 'ENDORSEMENT_FAILED'
  | 'MVCC_READ_CONFLICT'
  | 'PHANTOM_READ_CONFLICT'
  | 'UNKNOWN_IDENTITY'
  | 'BAD_SIGNATURE'
  /** The network refuses the caller's identity: its certificate is revoked, expired or not trusted by its MSP. */
  | 'ACCESS_DENIED'
  | 'LEDGER_UNAVAILABLE'
  | 'LEDGER_CLOSED';

export class LedgerError extends Error {
  override readonly name: string = 'LedgerError';
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The chaincode refused the proposal. `chaincodeMessage` is the message the contract threw; Trace's contract
 * starts it with a stable code such as `LOT_NOT_FOUND:` that the gateway maps to an HTTP status.
 */
export class EndorsementError extends LedgerError {
  override readonly name = 'EndorsementError';
  constructor(
    readonly chaincodeMessage: string,
    options?: { cause?: unknown },
  ) {
    super('ENDORSEMENT_FAILED', chaincodeMessage, options);
  }

  /** The stable code at the head of the chaincode's message (`LOT_NOT_FOUND`), if it has one. */
  get chaincodeCode(): string | undefined {
    return /^([A-Z][A-Z0-9_]+):/.exec(this.chaincodeMessage)?.[1];
  }
}

/** The transaction was ordered but invalidated at commit because what it read had changed. Safe to retry. */
export class ReadConflictError extends LedgerError {
  override readonly name = 'ReadConflictError';
  constructor(
    code: 'MVCC_READ_CONFLICT' | 'PHANTOM_READ_CONFLICT',
    readonly txId: string,
    options?: { cause?: unknown },
  ) {
    super(code, `transaction ${txId} invalidated at commit: ${code}`, options);
  }
}

/** The ledger cannot be reached now; the gateway's outbox keeps the scan and retries. */
export class LedgerUnavailableError extends LedgerError {
  override readonly name = 'LedgerUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('LEDGER_UNAVAILABLE', message, options);
  }
}
